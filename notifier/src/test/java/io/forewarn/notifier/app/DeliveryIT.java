package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.forewarn.notifier.app.NotifierHarness.MESSAGES;
import static io.forewarn.notifier.app.NotifierHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private NotifierHarness h;

  @BeforeEach
  void setUp() {
    h = new NotifierHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private long sent(String channel) {
    return h.queryLong("SELECT count(*) FROM deliveries WHERE channel = '" + channel + "' AND status = 'sent'");
  }

  private int smsPosts() {
    return h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size();
  }

  private int ticketCreates() {
    return h.fake.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets.json"))).size();
  }

  @Test
  void opened_incident_makes_exactly_one_ticket_and_one_sms() throws Exception {
    // GIVEN a running notifier and a customer with a phone
    var notifier = h.start("n1");
    long customer = h.customer("+447700900001", null);
    // WHEN the rules stage opens a device problem for them
    long incident = h.openDeviceProblem(customer);
    // THEN one SMS and one ticket reach the providers, and the ticket is remembered
    eventually(WAIT, () -> sent("sms") == 1 && sent("ticket") == 1, "SMS and ticket sent");
    Thread.sleep(500);
    assertThat(smsPosts()).isEqualTo(1);
    assertThat(ticketCreates()).isEqualTo(1);
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0).getBodyAsString())
        .contains("To=%2B447700900001");
    assertThat(h.queryLong("SELECT count(*) FROM tickets WHERE incident_id = " + incident + " AND ticket_id = '4711'"))
        .isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM outbox WHERE processed_at IS NULL")).isZero();
    notifier.kill();
  }

  @Test
  void a_429_then_201_sends_exactly_one_message() throws Exception {
    // GIVEN Twilio answers the first request with 429 and Retry-After, then accepts
    h.fake.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}"))
        .willSetStateTo("free"));
    h.fake.stubFor(post(urlPathEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs("free")
        .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SMfirst\",\"status\":\"queued\"}")));
    var notifier = h.start("n1");
    // WHEN an incident is opened
    h.openDeviceProblem(h.customer("+447700900002", null));
    // THEN after one retry exactly one message exists, recorded with both attempts
    eventually(WAIT, () -> sent("sms") == 1, "SMS sent after the retry");
    Thread.sleep(500);
    assertThat(smsPosts()).isEqualTo(2);
    assertThat(h.queryLong("SELECT attempts FROM deliveries WHERE channel = 'sms'")).isEqualTo(2);
    assertThat(h.queryLong("SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
        + " WHERE d.channel = 'sms' AND a.outcome = 'retry'")).isEqualTo(1);
    notifier.kill();
  }

  @Test
  void a_message_refused_on_every_attempt_is_failed_and_visible_after_max_attempts() throws Exception {
    // GIVEN Twilio answers every request with 429, and the notifier gives up after 3 attempts
    h.fake.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}")));
    var notifier = h.start("n1", java.util.Map.of("FOREWARN_NOTIFIER_MAX_ATTEMPTS", "3"));
    // WHEN an incident is opened
    h.openDeviceProblem(h.customer("+447700900004", null));
    // THEN after three attempts the SMS is 'failed' with the reason, each attempt recorded, and no fourth try
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'failed'") == 1,
        "SMS failed");
    Thread.sleep(1500);
    assertThat(smsPosts()).isEqualTo(3);
    assertThat(h.queryLong("SELECT attempts FROM deliveries WHERE channel = 'sms'")).isEqualTo(3);
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms'"
        + " AND last_error LIKE 'gave up after 3 attempts%'")).isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id"
        + " WHERE d.channel = 'sms' AND a.outcome = 'retry'")).isEqualTo(3);
    notifier.kill();
  }

  @Test
  void killed_between_claim_and_reply_then_restarted_neither_duplicates_nor_loses() throws Exception {
    // GIVEN Twilio is slow, so the notifier is killed while the SMS is in flight ('sending' committed)
    h.fake.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(1500)
        .withBody("{\"sid\":\"SMslow\",\"status\":\"queued\",\"to\":\"+447700900003\"}")));
    var first = h.start("n1");
    h.openDeviceProblem(h.customer("+447700900003", null));
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'sending'") == 1,
        "SMS claimed");
    first.kill();
    Thread.sleep(2000);
    // Twilio's message list tells the truth about what reached it
    List<LoggedRequest> reached = h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    String list = reached.isEmpty() ? "{\"messages\":[]}"
        : "{\"messages\":[{\"sid\":\"SMslow\",\"to\":\"+447700900003\","
            + "\"date_created\":\"" + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC))
            + "\",\"status\":\"sent\"}]}";
    h.fake.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(okJson(list)));
    // WHEN a new instance starts
    var second = h.start("n2");
    // THEN the delivery is resolved by reconciliation: sent once, never twice
    eventually(WAIT, () -> sent("sms") == 1, "SMS resolved as sent");
    Thread.sleep(500);
    assertThat(smsPosts()).isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM delivery_attempts WHERE outcome = 'reconciled'"))
        .isGreaterThanOrEqualTo(1);
    // the ticket, if it was in flight too, is replayed with the same Idempotency-Key
    eventually(WAIT, () -> sent("ticket") == 1, "ticket sent");
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets.json"))).stream()
        .map(r -> r.getHeader("Idempotency-Key")).distinct().toList()).hasSize(1);
    second.kill();
  }

  @Test
  void two_instances_on_one_outbox_send_each_message_once() throws Exception {
    // GIVEN two notifier instances on the same database
    var a = h.start("a");
    var b = h.start("b");
    // WHEN twenty incidents for twenty customers arrive
    for (int i = 0; i < 20; i++) {
      h.openDeviceProblem(h.customer("+4477009001" + String.format("%02d", i), null));
    }
    // THEN each customer gets exactly one SMS and each incident one ticket
    eventually(WAIT, () -> sent("sms") == 20 && sent("ticket") == 20, "all sent");
    Thread.sleep(500);
    List<String> to = h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
        .map(r -> r.formParameters().get("To").firstValue()).toList();
    assertThat(to).hasSize(20).doesNotHaveDuplicates();
    assertThat(ticketCreates()).isEqualTo(20);
    assertThat(h.queryLong("SELECT count(DISTINCT processed_by) FROM outbox")).isBetween(1L, 2L);
    a.kill();
    b.kill();
  }
}
