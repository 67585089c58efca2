package io.forewarn.notifier.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.notifier.channel.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StandardWebhookTest {
  // The test vector published with the Standard Webhooks reference libraries.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private final StandardWebhook webhook = new StandardWebhook(SECRET);
  private final Clock atSendTime = Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 10), ZoneOffset.UTC);

  private SignatureCheck verify(String signatureHeader, byte[] body, Clock clock) {
    return webhook.verify(ID, Long.toString(TIMESTAMP), signatureHeader, body, clock, Duration.ofMinutes(5));
  }

  @Test
  void signs_like_the_reference_implementation() {
    assertThat(webhook.sign(ID, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
  }

  @Test
  void verifies_a_fresh_signature_and_any_of_several_during_key_rotation() {
    assertThat(verify(SIGNATURE, BODY, atSendTime)).isEqualTo(SignatureCheck.VALID);
    assertThat(verify("v1,b2xkLWtleS1zaWduYXR1cmU= " + SIGNATURE, BODY, atSendTime)).isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void rejects_tampering_replays_and_missing_or_malformed_headers() {
    assertThat(verify(SIGNATURE, "{\"test\": 1}".getBytes(StandardCharsets.UTF_8), atSendTime))
        .isEqualTo(SignatureCheck.MISMATCH);
    assertThat(verify(SIGNATURE, BODY, Clock.fixed(Instant.ofEpochSecond(TIMESTAMP + 3600), ZoneOffset.UTC)))
        .isEqualTo(SignatureCheck.STALE);
    assertThat(verify("", BODY, atSendTime)).isEqualTo(SignatureCheck.MISSING);
    assertThat(webhook.verify(ID, "yesterday", SIGNATURE, BODY, atSendTime, Duration.ofMinutes(5)))
        .isEqualTo(SignatureCheck.MALFORMED);
  }

  @Test
  void rejects_secrets_that_are_not_whsec_base64() {
    assertThatThrownBy(() -> new StandardWebhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> new StandardWebhook("whsec_not base64!")).hasMessageContaining("Base64");
    assertThatThrownBy(() -> new StandardWebhook("whsec_c2hvcnQ=")).hasMessageContaining("at least 16 bytes");
  }
}
