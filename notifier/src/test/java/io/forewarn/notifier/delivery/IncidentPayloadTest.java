package io.forewarn.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.notifier.outreach.AffectedScope;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Severity;
import io.forewarn.notifier.outreach.Transition;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IncidentPayloadTest {
  private static final Instant CREATED = Instant.parse("2025-03-14T09:00:00Z");

  private static IncidentPayload disruption(String transition, String severity) {
    JsonObject incident = new JsonObject().put("id", 42).put("kind", "service_disruption").put("severity", severity)
        .put("summary_key", "network_outage").put("details", new JsonObject().put("action_key", "restart_device"))
        .put("scope_type", "region").put("scope_value", "north")
        .put("opened_at", "2025-03-14T08:00:00+00:00").put("fix_eta", "2025-03-14 12:30:00+00")
        .put("resolved_at", "2025-03-14T13:20:00Z");
    return new IncidentPayload(7, CREATED, new JsonObject().put("transition", transition).put("incident", incident)
        .put("affected_device_ids", new io.vertx.core.json.JsonArray().add(1).add(2)), null);
  }

  @Test
  void reads_the_rules_stage_payload_into_a_notice() {
    // GIVEN an 'opened' disruption as the rules stage writes it (to_jsonb and PostgreSQL text times)
    IncidentPayload p = disruption("opened", "warning");
    // WHEN it becomes a notice for one customer
    IncidentNotice notice = NoticeFactory.build(p, CustomerRows.operations());
    // THEN kind, severity scale, region, ETA, action and revision (the outbox id) carry over
    assertThat(notice.kind()).isEqualTo(IncidentKind.SERVICE_DISRUPTION);
    assertThat(notice.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(notice.scope()).isEqualTo(new AffectedScope.Area("north"));
    assertThat(notice.fixEta()).isEqualTo(Instant.parse("2025-03-14T12:30:00Z"));
    assertThat(notice.suggestedActionKey()).isEqualTo("restart_device");
    assertThat(notice.revision()).isEqualTo(7);
    assertThat(p.affectedDeviceIds()).containsExactly(1, 2);
  }

  @Test
  void a_firmware_disruption_becomes_a_notice_about_that_firmware() {
    // GIVEN the rules stage's disruption of every GB24 boiler on 1.9.2
    JsonObject payload = disruption("opened", "critical").payload().copy();
    payload.getJsonObject("incident").put("scope_type", "firmware").put("scope_value", "boiler-gb24@1.9.2")
        .put("summary_key", "software_fault");
    // WHEN it becomes a notice
    IncidentPayload p = new IncidentPayload(9, CREATED, payload, null);
    IncidentNotice notice = NoticeFactory.build(p, CustomerRows.operations());
    // THEN its scope is the firmware, by model and version
    assertThat(notice.kind()).isEqualTo(IncidentKind.SERVICE_DISRUPTION);
    assertThat(notice.scope()).isEqualTo(new AffectedScope.Firmware("boiler-gb24", "1.9.2"));
  }

  @Test
  void a_resolved_notice_carries_the_impact_and_no_eta() {
    // GIVEN a resolved disruption that lasted from 08:00 to 13:20
    IncidentNotice notice = NoticeFactory.build(disruption("resolved", "critical"), CustomerRows.operations());
    // THEN the resolution says 5 h 20 min and no ETA is stated
    assertThat(notice.transition()).isEqualTo(Transition.RESOLVED);
    assertThat(notice.resolution().impact()).isEqualTo(Duration.ofMinutes(320));
    assertThat(notice.fixEta()).isNull();
    assertThat(notice.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void rejects_an_unknown_severity() {
    IncidentPayload p = disruption("opened", "apocalyptic");
    assertThatThrownBy(() -> NoticeFactory.build(p, CustomerRows.operations()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apocalyptic");
  }

  @Test
  void a_device_incident_with_a_parent_is_absorbed() {
    // GIVEN a device incident the rules stage folded into a disruption
    JsonObject payload = disruption("opened", "high").payload().copy();
    payload.getJsonObject("incident").put("parent_id", 41);
    // THEN the notifier leaves it to the parent
    assertThat(new IncidentPayload(8, CREATED, payload, null).absorbed()).isTrue();
    Customer ops = CustomerRows.operations();
    assertThat(ops.preferences().channelOrder()).isEmpty();
  }
}
