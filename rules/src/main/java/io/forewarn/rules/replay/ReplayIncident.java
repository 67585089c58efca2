package io.forewarn.rules.replay;

import java.time.Instant;

/** An incident as a replay saw it: enough to score it against the ground truth. */
public record ReplayIncident(String fingerprint, String kind, String ruleId, String scopeType, String scopeValue,
    Integer deviceId, Instant firingAt, Instant resolvedAt, boolean absorbed) {}
