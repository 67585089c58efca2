package io.forewarn.rules.replay;

import java.time.Instant;
import java.util.Map;

/**
 * An incident as a replay saw it: enough to score it against the ground truth.
 *
 * @param listed for a service disruption, each device it listed and when it was first listed while firing
 *               (at opening, or when an update added it); empty for a device incident
 */
public record ReplayIncident(String fingerprint, String kind, String ruleId, String scopeType, String scopeValue,
    Integer deviceId, Instant firingAt, Instant resolvedAt, boolean absorbed, Map<Integer, Instant> listed) {
  public ReplayIncident {
    listed = Map.copyOf(listed);
  }

  public ReplayIncident(String fingerprint, String kind, String ruleId, String scopeType, String scopeValue,
      Integer deviceId, Instant firingAt, Instant resolvedAt, boolean absorbed) {
    this(fingerprint, kind, ruleId, scopeType, scopeValue, deviceId, firingAt, resolvedAt, absorbed, Map.of());
  }

  public boolean disruption() {
    return "service_disruption".equals(kind);
  }
}
