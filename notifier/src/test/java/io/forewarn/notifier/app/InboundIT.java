package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.forewarn.notifier.app.NotifierHarness.MESSAGES;
import static io.forewarn.notifier.app.NotifierHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.channel.sms.TwilioSignatureValidator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http = HttpClient.newHttpClient();
  private NotifierHarness h;

  @BeforeEach
  void setUp() {
    h = new NotifierHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private HttpResponse<String> inbound(int port, String from, String body, String sid, boolean signCorrectly)
      throws Exception {
    String url = "http://127.0.0.1:" + port + "/twilio/inbound";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("AccountSid", NotifierHarness.ACCOUNT);
    form.put("From", from);
    form.put("To", "+15005550006");
    form.put("Body", body);
    Map<String, List<String>> params = form.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    String signature = new TwilioSignatureValidator(signCorrectly ? NotifierHarness.AUTH_TOKEN : "wrong").sign(url,
        params);
    String encoded = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(encoded)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void after_stop_no_further_sms_goes_to_that_number() throws Exception {
    // GIVEN a customer who replied STOP
    var notifier = h.start("n1");
    long customer = h.customer("+447700900050", null);
    assertThat(inbound(notifier.port(), "+447700900050", "Stop", "SMin1", true).statusCode()).isEqualTo(200);
    assertThat(h.queryLong("SELECT count(*) FROM sms_opt_outs WHERE phone = '+447700900050'")).isEqualTo(1);
    // WHEN an incident concerning them opens
    h.openDeviceProblem(customer);
    // THEN operations get their ticket but no SMS reaches Twilio
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'ticket' AND status = 'sent'") == 1,
        "ticket sent");
    Thread.sleep(500);
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
    notifier.kill();
  }

  @Test
  void stop_arriving_after_planning_still_stops_the_sms() throws Exception {
    // GIVEN an SMS planned for later... (the customer is in quiet hours all day long)
    var notifier = h.start("n1");
    long customer = h.customer("+447700900051", null);
    h.quietAllDay(customer);
    h.openDeviceProblem(customer);
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'scheduled'") == 1,
        "SMS planned");
    // WHEN the customer replies STOP and the message falls due
    inbound(notifier.port(), "+447700900051", "STOP", "SMin2", true);
    h.db.exec("UPDATE deliveries SET scheduled_for = now() WHERE channel = 'sms'");
    // THEN it is never sent, and the delivery says why
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'failed'"
        + " AND last_error LIKE 'RECIPIENT_OPTED_OUT%'") == 1, "SMS failed as opted out");
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
    notifier.kill();
  }

  @Test
  void rejects_an_inbound_sms_with_a_bad_signature() throws Exception {
    var notifier = h.start("n1");
    // WHEN a forged STOP arrives
    int status = inbound(notifier.port(), "+447700900052", "STOP", "SMin3", false).statusCode();
    // THEN it is refused and changes nothing
    assertThat(status).isEqualTo(403);
    assertThat(h.queryLong("SELECT count(*) FROM sms_opt_outs")).isZero();
    notifier.kill();
  }

  @Test
  void a_digit_after_the_closing_message_is_stored_as_the_survey_answer() throws Exception {
    // GIVEN a customer told about an incident that is now resolved (the closing SMS asked for CSAT)
    var notifier = h.start("n1");
    long customer = h.customer("+447700900053", null);
    long incident = h.openDeviceProblem(customer);
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'sent'") == 1,
        "opening SMS sent");
    h.db.exec(
        "UPDATE incidents SET state = 'resolved', resolved_at = now(), updated_at = now() WHERE id = " + incident);
    h.outbox(incident, "resolved");
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND template = 'resolved'"
        + " AND status = 'sent'") == 1, "closing SMS sent");
    // WHEN they reply "5 thanks"
    inbound(notifier.port(), "+447700900053", "5 thanks", "SMin4", true);
    // THEN the answer is stored against that incident, and the ticket was solved
    assertThat(h.queryLong("SELECT score FROM survey_answers WHERE incident_id = " + incident)).isEqualTo(5);
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM tickets WHERE status = 'solved'") == 1, "ticket solved");
    notifier.kill();
  }
}
