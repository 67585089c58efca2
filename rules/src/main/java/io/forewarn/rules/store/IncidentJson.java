package io.forewarn.rules.store;

import io.forewarn.rules.engine.Incident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The incident columns as the outbox payload carries them (see V3__incidents.sql). Public because it is
 * the contract with the notifier, whose tests check that what is written here is what it accepts.
 */
public final class IncidentJson {
  private IncidentJson() {}

  /** One outbox row's payload: {@code transition} (opened/updated/resolved), the incident, its devices. */
  public static JsonObject outboxPayload(String transition, Incident i, long id, Long parentId) {
    JsonObject payload = new JsonObject().put("transition", transition).put("incident", of(i, id, parentId));
    if (!i.affectedDeviceIds().isEmpty()) {
      payload.put("affected_device_ids", new JsonArray(i.affectedDeviceIds()));
    }
    return payload;
  }

  static JsonObject of(Incident i, long id, Long parentId) {
    return new JsonObject().put("id", id).put("fingerprint", i.fingerprint()).put("kind", i.kind())
        .put("rule_id", i.ruleId()).put("scope_type", i.scopeType()).put("scope_value", i.scopeValue())
        .put("device_id", i.deviceId()).put("customer_id", i.customerId()).put("state", i.state())
        .put("severity", i.severity()).put("summary", i.summary()).put("summary_key", i.summaryKey())
        .put("details", new JsonObject(i.details())).put("predicted_failure_at", text(i.predictedFailureAt()))
        .put("parent_id", parentId).put("silenced_until", text(i.suppressedUntil()))
        .put("opened_at", text(i.openedAt())).put("firing_at", text(i.firingAt()))
        .put("resolved_at", text(i.resolvedAt()));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
