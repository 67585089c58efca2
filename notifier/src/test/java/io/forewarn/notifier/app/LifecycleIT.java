package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
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

class LifecycleIT {
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

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void an_incident_resolved_before_its_message_went_out_cancels_the_message() throws Exception {
    // GIVEN an opening SMS held back by quiet hours
    var notifier = h.start("n1");
    long customer = h.customer("+447700900080", null);
    h.quietAllDay(customer);
    long incident = h.openDeviceProblem(customer);
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'scheduled'") == 1,
        "SMS planned");
    // WHEN the incident resolves first
    h.db.exec(
        "UPDATE incidents SET state = 'resolved', resolved_at = now(), updated_at = now() WHERE id = " + incident);
    h.outbox(incident, "resolved");
    // THEN the opening SMS is cancelled, no closing SMS is planned, and the ticket is solved
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM tickets WHERE status = 'solved'") == 1, "ticket solved");
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'cancelled'"))
        .isEqualTo(1);
    assertThat(
        h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'none' AND reason LIKE 'NOTHING_TO_CLOSE%'"))
        .isEqualTo(1);
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
    notifier.kill();
  }

  @Test
  void an_incident_already_resolved_when_its_opening_reaches_us_sends_the_customer_nothing() throws Exception {
    // GIVEN an incident that opened and resolved before the notifier saw either outbox row (a backlog)
    long customer = h.customer("+447700900081", null);
    long incident = h.openDeviceProblem(customer);
    h.db.exec(
        "UPDATE incidents SET state = 'resolved', resolved_at = now(), updated_at = now() WHERE id = " + incident);
    h.outbox(incident, "resolved");
    // WHEN the notifier processes both
    var notifier = h.start("n1");
    // THEN operations get their ticket, opened and solved; the customer gets neither "we noticed" nor
    // "it is fixed", and both decisions are recorded with their reason
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM tickets WHERE status = 'solved'") == 1, "ticket solved");
    assertThat(
        h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'none' AND reason LIKE 'RESOLVED_BEFORE_TOLD%'"))
        .isEqualTo(1);
    assertThat(
        h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'none' AND reason LIKE 'NOTHING_TO_CLOSE%'"))
        .isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE channel IN ('sms', 'email')")).isZero();
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
    notifier.kill();
  }

  @Test
  void a_signed_delivered_callback_marks_the_sms_delivered_and_metrics_count_it() throws Exception {
    // GIVEN an SMS that went out
    var notifier = h.start("n1");
    h.openDeviceProblem(h.customer("+447700900081", null));
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'sent'") == 1,
        "SMS sent");
    String sid = queryString("SELECT provider_id FROM deliveries WHERE channel = 'sms'");
    // WHEN Twilio reports it delivered
    String url = "http://127.0.0.1:" + notifier.port() + "/twilio/status";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("AccountSid", NotifierHarness.ACCOUNT);
    form.put("To", "+447700900081");
    form.put("MessageStatus", "delivered");
    Map<String, List<String>> params = form.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    String encoded = form.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    int status = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", new TwilioSignatureValidator(NotifierHarness.AUTH_TOKEN).sign(url, params))
        .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    // THEN the delivery is 'delivered', health is UP and /metrics counts the send
    assertThat(status).isEqualTo(204);
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'delivered'"))
        .isEqualTo(1);
    assertThat(get(notifier.port(), "/health").body()).contains("UP");
    assertThat(get(notifier.port(), "/metrics").body())
        .contains("forewarn_notifier_outreach_sent_total{channel=\"sms\",outcome=\"sent\"} 1.0");
    notifier.kill();
  }

  @Test
  void eta_moves_comment_the_ticket_only_a_big_move_reaches_the_customer_and_resolution_closes_both() throws Exception {
    // GIVEN a device problem whose SMS and ticket went out
    var notifier = h.start("n1");
    long incident = h.openDeviceProblem(h.customer("+447700900082", null));
    eventually(WAIT, () -> sentCount("sms") == 1 && sentCount("ticket") == 1, "opened");
    // WHEN the ETA moves by 10 minutes (below the 30-minute threshold)
    h.db.exec(
        "UPDATE incidents SET fix_eta = fix_eta + interval '10 minutes', updated_at = now() WHERE id = " + incident);
    h.outbox(incident, "updated");
    // THEN operations get a ticket comment, the customer nothing
    eventually(WAIT, () -> sentCount("ticket") == 2, "ticket commented");
    assertThat(smsBodies()).hasSize(1);
    assertThat(
        h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'none' AND reason LIKE 'NO_MEANINGFUL_CHANGE%'"))
        .isEqualTo(1);
    // WHEN it moves by two hours
    h.db.exec("UPDATE incidents SET fix_eta = fix_eta + interval '2 hours', updated_at = now() WHERE id = " + incident);
    h.outbox(incident, "updated");
    // THEN the customer gets one update with the new time, and the ticket a second comment
    eventually(WAIT, () -> sentCount("sms") == 2 && sentCount("ticket") == 3, "update sent");
    assertThat(smsBodies().get(1)).contains("We now expect it fixed by");
    // WHEN the incident resolves
    h.db.exec(
        "UPDATE incidents SET state = 'resolved', resolved_at = now(), updated_at = now() WHERE id = " + incident);
    h.outbox(incident, "resolved");
    // THEN a closing SMS asks for feedback, the ticket is solved, and it took exactly one create and three PUTs
    eventually(WAIT, () -> sentCount("sms") == 3 && sentCount("ticket") == 4, "closed");
    assertThat(smsBodies().get(2)).contains("is fixed").contains("Reply with a number from 1 (poor) to 5 (excellent)");
    List<String> puts = h.fake.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/4711.json"))).stream()
        .map(r -> r.getBodyAsString()).toList();
    assertThat(puts).hasSize(3);
    assertThat(puts.get(0)).doesNotContain("solved");
    assertThat(puts.get(2)).contains("\"status\":\"solved\"");
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets.json")))).hasSize(1);
    assertThat(h.queryLong("SELECT count(*) FROM tickets WHERE status = 'solved'")).isEqualTo(1);
    notifier.kill();
  }

  private long sentCount(String channel) {
    return h.queryLong("SELECT count(*) FROM deliveries WHERE channel = '" + channel + "' AND status = 'sent'");
  }

  private List<String> smsBodies() {
    return h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
        .map(r -> r.formParameters().get("Body").firstValue()).toList();
  }

  private String queryString(String sql) throws Exception {
    try (var c = h.ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
