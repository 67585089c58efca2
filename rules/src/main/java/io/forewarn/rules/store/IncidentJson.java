package io.forewarn.rules.store;

import io.forewarn.rules.engine.Incident;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The incident columns as the outbox payload carries them (see V3__incidents.sql). */
final class IncidentJson {
  private IncidentJson() {}

  static JsonObject of(Incident i, long id, Long parentId) {
    return new JsonObject().put("id", id).put("fingerprint", i.fingerprint()).put("kind", i.kind())
        .put("rule_id", i.ruleId()).put("scope_type", i.scopeType()).put("scope_value", i.scopeValue())
        .put("device_id", i.deviceId()).put("customer_id", i.customerId()).put("state", i.state())
        .put("severity", i.severity()).put("summary", i.summary()).put("summary_key", i.summaryKey())
        .put("details", new JsonObject(i.details())).put("predicted_failure_at", text(i.predictedFailureAt()))
        .put("parent_id", parentId).put("silenced_until", text(i.suppressedUntil()))
        .put("opened_at", text(i.openedAt())).put("firing_at", text(i.firingAt())).put("resolved_at", text(i.resolvedAt()));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
