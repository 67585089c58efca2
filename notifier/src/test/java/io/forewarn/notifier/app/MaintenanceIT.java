package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.forewarn.notifier.app.NotifierHarness.MESSAGES;
import static io.forewarn.notifier.app.NotifierHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Planned maintenance declared by operations (a suppressions row) is announced ahead, updated and closed. */
class MaintenanceIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<String, String> FAST = Map.of("FOREWARN_NOTIFIER_MAINTENANCE_POLL_INTERVAL", "100ms",
      "FOREWARN_NOTIFIER_MAINTENANCE_ADVANCE", "48h");
  private NotifierHarness h;

  @BeforeEach
  void setUp() {
    h = new NotifierHarness();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private long customerInRegion(String phone, String region) {
    long customer = h.customer(phone, null);
    h.db.exec("INSERT INTO devices (external_id, customer_id, model, region) VALUES ('hub-" + phone + "', " + customer
        + ", 'SafeHome Hub 2', '" + region + "')");
    return customer;
  }

  /** What operations (or the ops API) write to declare a window; returns its id. */
  private long declare(String region, String startsIn, String endsIn) {
    return h.queryLong("INSERT INTO suppressions (type, scope_type, scope_value, starts_at, ends_at, reason, announce,"
        + " created_by) VALUES ('maintenance', 'region', '" + region + "', now() + interval '" + startsIn + "', now()"
        + " + interval '" + endsIn + "', 'maintenance_software', true, 'ops@acme.example') RETURNING id");
  }

  private List<String> smsBodies() {
    return h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
        .map(r -> r.formParameters().get("Body").firstValue()).toList();
  }

  private List<String> smsTo() {
    return h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
        .map(r -> r.formParameters().get("To").firstValue()).toList();
  }

  @Test
  void declared_window_is_announced_once_to_each_affected_customer_by_two_instances() throws Exception {
    // GIVEN two customers in the north, one in the south, and two notifier instances
    customerInRegion("+447700900401", "north");
    customerInRegion("+447700900402", "north");
    customerInRegion("+447700900403", "south");
    var a = h.start("a", FAST);
    var b = h.start("b", FAST);
    // WHEN operations declare maintenance in the north starting in 3 hours
    long window = declare("north", "3 hours", "5 hours");
    // THEN each northern customer gets exactly one SMS about it, the south none, and operations a ticket
    eventually(WAIT,
        () -> h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND status = 'sent'") == 2,
        "both announcements sent");
    Thread.sleep(1000);
    assertThat(smsTo()).containsExactlyInAnyOrder("+447700900401", "+447700900402");
    assertThat(smsBodies()).allSatisfy(body -> assertThat(body).contains("planning a software update")
        .contains("north"));
    assertThat(h.queryLong("SELECT count(*) FROM maintenance_announcements WHERE suppression_id = " + window))
        .isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM incidents WHERE kind = 'planned_maintenance'")).isEqualTo(1);
    assertThat(h.queryLong("SELECT count(*) FROM deliveries WHERE channel = 'ticket' AND status = 'sent'"))
        .isEqualTo(1);
    a.kill();
    b.kill();
  }

  @Test
  void a_window_beyond_the_advance_notice_waits() throws Exception {
    // GIVEN a notifier that announces 48 hours ahead
    customerInRegion("+447700900411", "north");
    var n = h.start("n", FAST);
    // WHEN a window is declared for ten days from now
    declare("north", "10 days", "10 days 2 hours");
    Thread.sleep(1500);
    // THEN nothing is announced yet
    assertThat(h.queryLong("SELECT count(*) FROM maintenance_announcements")).isZero();
    assertThat(smsTo()).isEmpty();
    n.kill();
  }

  @Test
  void a_moved_window_sends_an_update_and_an_ended_one_a_closing_message() throws Exception {
    // GIVEN an announced window
    customerInRegion("+447700900421", "north");
    var n = h.start("n", FAST);
    long window = declare("north", "3 hours", "5 hours");
    eventually(WAIT, () -> smsTo().size() == 1, "announcement sent");
    // WHEN it is moved by two hours (more than the 30-minute threshold)
    h.db.exec(
        "UPDATE suppressions SET starts_at = starts_at + interval '2 hours', ends_at = ends_at + interval '2 hours'"
            + " WHERE id = " + window);
    // THEN one update goes out
    eventually(WAIT, () -> smsTo().size() == 2, "update sent");
    assertThat(smsBodies().get(1)).contains("rescheduled");
    // WHEN a five-minute shift follows (below the threshold)
    h.db.exec("UPDATE suppressions SET ends_at = ends_at + interval '5 minutes' WHERE id = " + window);
    eventually(WAIT, () -> h.queryLong("SELECT count(*) FROM outbox WHERE transition = 'updated'"
        + " AND processed_at IS NOT NULL") == 2, "second move planned");
    Thread.sleep(500);
    assertThat(smsTo()).hasSize(2);
    // WHEN the work is over
    h.db.exec("UPDATE suppressions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 minute'"
        + " WHERE id = " + window);
    // THEN the customer hears it is complete, the incident is resolved, and nothing more is sent
    eventually(WAIT, () -> smsTo().size() == 3, "closing message sent");
    assertThat(smsBodies().get(2)).contains("complete");
    assertThat(h.queryLong("SELECT count(*) FROM incidents WHERE kind = 'planned_maintenance' AND state = 'resolved'"))
        .isEqualTo(1);
    Thread.sleep(1000);
    assertThat(smsTo()).hasSize(3);
    n.kill();
  }
}
