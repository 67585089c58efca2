package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.forewarn.notifier.app.NotifierHarness.MESSAGES;
import static io.forewarn.notifier.app.NotifierHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.forewarn.notifier.channel.Hmac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FallbackIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ZENDESK_SECRET = "zendesk-webhook-secret";

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private NotifierHarness h;

  @BeforeEach
  void setUp() {
    h = new NotifierHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private Map<String, String> smtpAndWebhook() {
    return Map.of("FOREWARN_NOTIFIER_SMTP_HOST", "127.0.0.1",
        "FOREWARN_NOTIFIER_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()),
        "FOREWARN_NOTIFIER_SMTP_TLS", "none",
        "FOREWARN_NOTIFIER_SMTP_FROM", "care@acme.example",
        "FOREWARN_NOTIFIER_ZENDESK_WEBHOOK_SECRET", ZENDESK_SECRET);
  }

  @Test
  void an_invalid_number_is_not_retried_and_the_email_goes_out_instead() throws Exception {
    // GIVEN Twilio refuses the number for good (21211)
    h.fake.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
        .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));
    var notifier = h.start("n1", smtpAndWebhook());
    long customer = h.customer("+447700900070", "ann@example.com");
    // WHEN an incident opens
    h.openDeviceProblem(customer);
    // THEN one SMS attempt, failed, and exactly one email through the fallback
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'email' AND status = 'sent'") == 1,
        "email sent");
    Thread.sleep(500);
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(1);
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'failed'"
        + " AND last_error LIKE 'INVALID_RECIPIENT%'")).isEqualTo(1);
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString()).contains("<ann@example.com>");
    notifier.kill();
  }

  @Test
  void a_ticket_solved_by_a_person_is_recorded_for_the_rules_stage() throws Exception {
    // GIVEN an incident whose ticket 4711 is open
    var notifier = h.start("n1", smtpAndWebhook());
    long incident = h.openDeviceProblem(h.customer("+447700900071", null));
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM tickets WHERE ticket_id = '4711'") == 1, "ticket opened");
    // WHEN Zendesk reports that an agent solved it (signed webhook)
    String body = "{\"ticket_id\":4711,\"status\":\"solved\",\"updated_by\":\"alice@acme.example\"}";
    String timestamp = Instant.now().toString();
    String signature = Hmac.signBase64(Hmac.SHA256, ZENDESK_SECRET.getBytes(StandardCharsets.UTF_8),
        (timestamp + body).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + notifier.port() + "/zendesk/webhook"))
        .header("Content-Type", "application/json").header("X-Zendesk-Webhook-Signature", signature)
        .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    // THEN the incident's audit trail has an 'updated' event by the helpdesk
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(h.queryLong("SELECT count(*) FROM incident_events WHERE incident_id = " + incident
        + " AND type = 'updated' AND actor = 'helpdesk'")).isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM tickets WHERE status = 'solved'")).isEqualTo(1);
    notifier.kill();
  }

  @Test
  void a_generic_helpdesk_reports_a_ticket_solved_by_a_person_with_a_signed_standard_webhook() throws Exception {
    // GIVEN tickets go to a generic helpdesk (Standard Webhooks), which answers with its ticket id
    String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
        "helpdesk-webhook-key-24byt".getBytes(StandardCharsets.UTF_8));
    h.fake.stubFor(post(urlPathEqualTo("/hooks")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"ticket_id\":\"HD-77\"}")));
    var notifier = h.start("n1", Map.of("FOREWARN_NOTIFIER_ZENDESK_URL", "",
        "FOREWARN_NOTIFIER_WEBHOOK_URL", h.fake.baseUrl() + "/hooks", "FOREWARN_NOTIFIER_WEBHOOK_SECRET", secret));
    long incident = h.openDeviceProblem(h.customer("+447700900072", null));
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM tickets WHERE ticket_id = 'HD-77'") == 1, "ticket opened");
    // WHEN the helpdesk calls back that an agent solved it: once with a forged signature, once signed
    String body = "{\"type\":\"ticket.solved\",\"timestamp\":\"" + Instant.now() + "\","
        + "\"data\":{\"ticket_id\":\"HD-77\",\"solved_by\":\"bob@acme.example\"}}";
    var webhook = new io.forewarn.notifier.channel.webhook.StandardWebhook(secret);
    long now = Instant.now().getEpochSecond();
    String good = webhook.sign("msg-1", now, body.getBytes(StandardCharsets.UTF_8));
    int forged = helpdeskCall(notifier.port(), body, now, "v1,AAAA" + good.substring(7));
    int signed = helpdeskCall(notifier.port(), body, now, good);
    // THEN the forgery is refused, and the solve is on the incident's audit trail once
    assertThat(forged).isEqualTo(403);
    assertThat(signed).isEqualTo(204);
    assertThat(h.queryLong("SELECT count(*) FROM incident_events WHERE incident_id = " + incident
        + " AND type = 'updated' AND actor = 'helpdesk' AND details->>'by' = 'bob@acme.example'")).isEqualTo(1);
    assertThat(
        h.queryLong("SELECT count(*) FROM tickets WHERE status = 'solved' AND solved_by = 'helpdesk:bob@acme.example'"))
        .isEqualTo(1);
    notifier.kill();
  }

  private static int helpdeskCall(int port, String body, long timestamp, String signature) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/helpdesk/webhook")).header("Content-Type", "application/json")
        .header("webhook-id", "msg-1").header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
