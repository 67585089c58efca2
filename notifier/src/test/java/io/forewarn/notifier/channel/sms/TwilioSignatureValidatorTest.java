package io.forewarn.notifier.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.channel.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureValidatorTest {
  // The example from Twilio's security documentation (auth token 12345).
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String SIGNATURE = "GvWf1cFY/Q7PnoempGyD5oXAezc=";
  private final TwilioSignatureValidator validator = new TwilioSignatureValidator("12345");

  private static Map<String, List<String>> params() {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("To", List.of("+18005551212"));
    p.put("CallSid", List.of("CA1234567890ABCDE"));
    p.put("Digits", List.of("1234"));
    p.put("From", List.of("+14158675310"));
    p.put("Caller", List.of("+14158675310"));
    return p;
  }

  @Test
  void accepts_twilios_documented_example_whatever_the_parameter_order() {
    assertThat(validator.validateForm(URL, params(), SIGNATURE)).isEqualTo(SignatureCheck.VALID);
    assertThat(validator.sign(URL, params())).isEqualTo(SIGNATURE);
  }

  @Test
  void rejects_a_changed_parameter_a_changed_url_and_a_missing_header() {
    Map<String, List<String>> tampered = params();
    tampered.put("Digits", List.of("9999"));
    assertThat(validator.validateForm(URL, tampered, SIGNATURE)).isEqualTo(SignatureCheck.MISMATCH);
    assertThat(validator.validateForm(URL.replace("https", "http"), params(), SIGNATURE))
        .isEqualTo(SignatureCheck.MISMATCH);
    assertThat(validator.validateForm(URL, params(), " ")).isEqualTo(SignatureCheck.MISSING);
    assertThat(new TwilioSignatureValidator("other").validateForm(URL, params(), SIGNATURE))
        .isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void accepts_the_url_with_or_without_the_default_port() {
    // GIVEN Twilio signed the URL without a port, a proxy hands us one with :443 (and vice versa)
    String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
    assertThat(validator.validateForm(withPort, params(), SIGNATURE)).isEqualTo(SignatureCheck.VALID);
    String signedWithPort = validator.sign(withPort, params());
    assertThat(validator.validateForm(URL, params(), signedWithPort)).isEqualTo(SignatureCheck.VALID);
    assertThat(TwilioSignatureValidator.urlVariants("https://h.example:8443/x"))
        .containsExactly("https://h.example:8443/x");
  }

  @Test
  void repeated_parameters_are_signed_with_sorted_values() {
    Map<String, List<String>> a = Map.of("MediaUrl0", List.of("b", "a"));
    Map<String, List<String>> b = Map.of("MediaUrl0", List.of("a", "b"));
    assertThat(validator.sign(URL, a)).isEqualTo(validator.sign(URL, b));
  }

  @Test
  void json_webhook_is_checked_by_url_signature_and_body_hash() {
    // GIVEN a JSON webhook: the signature covers the URL, bodySHA256 covers the body
    String body = "{\"MessageSid\":\"SM123\",\"MessageStatus\":\"delivered\"}";
    String url = "https://forewarn.example.com/twilio/status?bodySHA256="
        + "458597634cd82805792467af543ce1e6b98ee56a12d89f07e2202e7266f76084";
    String signature = "r0tp8nSrd5hOZZnwXiawcp5xNkY=";
    // THEN
    assertThat(validator.validateJson(url, body.getBytes(StandardCharsets.UTF_8), signature))
        .isEqualTo(SignatureCheck.VALID);
    assertThat(
        validator.validateJson(url, body.replace("delivered", "failed").getBytes(StandardCharsets.UTF_8), signature))
        .isEqualTo(SignatureCheck.MISMATCH);
    assertThat(
        validator.validateJson("https://forewarn.example.com/twilio/status", body.getBytes(StandardCharsets.UTF_8),
            signature))
        .isEqualTo(SignatureCheck.MALFORMED);
  }
}
