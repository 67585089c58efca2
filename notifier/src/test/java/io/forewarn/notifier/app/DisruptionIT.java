package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.forewarn.notifier.app.NotifierHarness.MESSAGES;
import static io.forewarn.notifier.app.NotifierHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A firmware disruption through the service: outbox row → audience → plans → Twilio and Zendesk. */
class DisruptionIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private NotifierHarness h;
  private long english;
  private long russian;

  @BeforeEach
  void setUp() {
    h = new NotifierHarness();
    // Two households with a GB24 boiler on 1.9.2 (one English, one Russian), one on 1.9.0
    english = boiler(h.customer("+447700900201", null), "1.9.2");
    russian = boiler(h.customer("+447700900202", null, "Анна Смирнова", "ru"), "1.9.2");
    boiler(h.customer("+447700900203", null), "1.9.0");
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private long boiler(long customer, String firmware) {
    return h.queryLong("INSERT INTO devices (external_id, customer_id, model, firmware, region) VALUES ('gb-" + customer
        + "', " + customer + ", 'boiler-gb24', '" + firmware + "', 'north') RETURNING id");
  }

  /** The 1.9.2 disruption as the rules stage opens it; {@code devices} is its affected_device_ids, or none. */
  private void openFirmwareDisruption(String devices) {
    long incident = h.queryLong("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, state,"
        + " severity, summary, summary_key, details, opened_at, firing_at, updated_at) VALUES"
        + " ('firmware:boiler-gb24@1.9.2:disruption', 'service_disruption', 'fleet/firmware', 'firmware',"
        + " 'boiler-gb24@1.9.2', 'firing', 'critical', 'All devices on boiler-gb24@1.9.2 are affected',"
        + " 'software_fault', '{\"detected_by\": \"cohort_comparison\", \"cohort_metric\": \"flame_signal_ua\"}',"
        + " now(), now(), now()) RETURNING id");
    h.db.exec("INSERT INTO outbox (incident_id, transition, payload) SELECT id, 'opened', jsonb_build_object("
        + "'transition', 'opened', 'incident', to_jsonb(i)"
        + (devices == null ? "" : ", 'affected_device_ids', jsonb_build_array(" + devices + ")")
        + ") FROM incidents i WHERE id = " + incident);
  }

  /** Every SMS Twilio received, by number. */
  private Map<String, String> smsByNumber() {
    return h.fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream().collect(Collectors.toMap(
        r -> r.formParameters().get("To").firstValue(), r -> r.formParameters().get("Body").firstValue()));
  }

  private long sent(String channel) {
    return h.queryLong("SELECT count(*) FROM deliveries WHERE channel = '" + channel + "' AND status = 'sent'");
  }

  @Test
  void each_owner_of_the_faulty_firmware_is_told_about_their_boiler_in_their_language() throws Exception {
    // GIVEN a running notifier
    var notifier = h.start("n1");
    // WHEN the rules stage opens the 1.9.2 disruption listing both boilers on it
    openFirmwareDisruption(english + ", " + russian);
    // THEN each owner gets one SMS about their product, the owner on 1.9.0 none, and operations one ticket
    eventually(WAIT, () -> sent("sms") == 2 && sent("ticket") == 1, "two SMS and the ticket sent");
    Thread.sleep(500);
    Map<String, String> sms = smsByNumber();
    assertThat(sms).containsOnlyKeys("+447700900201", "+447700900202");
    assertThat(sms.get("+447700900201")).startsWith("Forewarn: Hi Ann Smith, your GB24 boiler may not work as well")
        .contains("software update").doesNotContain("area").doesNotContain("boiler-gb24");
    assertThat(sms.get("+447700900202")).startsWith("Forewarn: Анна Смирнова, ваше устройство (котёл GB24)")
        .doesNotContain("район");
    assertThat(h.fake.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets.json")))).singleElement()
        .satisfies(r -> assertThat(r.getBodyAsString()).contains("Software fault on firmware boiler-gb24@1.9.2"));
    notifier.kill();
  }

  @Test
  void a_firmware_disruption_without_its_device_list_reaches_the_devices_on_that_firmware() throws Exception {
    // GIVEN a running notifier
    var notifier = h.start("n1");
    // WHEN the disruption's outbox row names no devices (the audience comes from its scope, model@version)
    openFirmwareDisruption(null);
    // THEN the two owners on 1.9.2 are told, the one on 1.9.0 is not
    eventually(WAIT, () -> sent("sms") == 2, "two SMS sent");
    Thread.sleep(500);
    assertThat(smsByNumber()).containsOnlyKeys("+447700900201", "+447700900202");
    notifier.kill();
  }
}
