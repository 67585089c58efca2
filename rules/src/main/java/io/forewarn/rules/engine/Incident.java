package io.forewarn.rules.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incident as the engine sees it (the store maps the fingerprint to its row id).
 *
 * @param fingerprint       {@code device:<id>:<model>/<rule>} or {@code <scope>:<value>:disruption}
 * @param kind              device_problem or service_disruption
 * @param parentFingerprint the service disruption that absorbed it, or null
 * @param suppressedUntil   end of the maintenance window / silence covering it, or null
 * @param details           evidence (recent values, affected devices) as JSON-able maps and lists
 */
public record Incident(
    String fingerprint,
    String kind,
    String ruleId,
    String scopeType,
    String scopeValue,
    Integer deviceId,
    Long customerId,
    String state,
    String severity,
    String summary,
    String summaryKey,
    Map<String, Object> details,
    Instant predictedFailureAt,
    String parentFingerprint,
    Instant suppressedUntil,
    Instant openedAt,
    Instant firingAt,
    Instant resolvedAt) {

  public static final String DEVICE_PROBLEM = "device_problem";
  public static final String SERVICE_DISRUPTION = "service_disruption";
  /** Problem keys of service disruptions, in the notifier's phrase books like every rule's summary_key. */
  public static final String NETWORK_OUTAGE = "network_outage";
  public static final String SOFTWARE_FAULT = "software_fault";
  public static final List<String> DISRUPTION_SUMMARY_KEYS = List.of(NETWORK_OUTAGE, SOFTWARE_FAULT);

  public Incident {
    details = Map.copyOf(details);
  }

  Incident resolved(Instant at) {
    return new Incident(fingerprint, kind, ruleId, scopeType, scopeValue, deviceId, customerId, "resolved", severity,
        summary, summaryKey, details, predictedFailureAt, parentFingerprint, suppressedUntil, openedAt, firingAt, at);
  }

  Incident withParent(String parent) {
    return new Incident(fingerprint, kind, ruleId, scopeType, scopeValue, deviceId, customerId, state, severity,
        summary, summaryKey, details, predictedFailureAt, parent, suppressedUntil, openedAt, firingAt, resolvedAt);
  }

  Incident withSuppressedUntil(Instant until) {
    return new Incident(fingerprint, kind, ruleId, scopeType, scopeValue, deviceId, customerId, state, severity,
        summary, summaryKey, details, predictedFailureAt, parentFingerprint, until, openedAt, firingAt, resolvedAt);
  }

  Incident withSummary(String newSummary) {
    return new Incident(fingerprint, kind, ruleId, scopeType, scopeValue, deviceId, customerId, state, severity,
        newSummary, summaryKey, details, predictedFailureAt, parentFingerprint, suppressedUntil, openedAt, firingAt,
        resolvedAt);
  }

  Incident withDetails(Map<String, Object> newDetails) {
    return new Incident(fingerprint, kind, ruleId, scopeType, scopeValue, deviceId, customerId, state, severity,
        summary, summaryKey, newDetails, predictedFailureAt, parentFingerprint, suppressedUntil, openedAt, firingAt,
        resolvedAt);
  }

  @SuppressWarnings("unchecked")
  public List<Integer> affectedDeviceIds() {
    Object v = details.get("affected_device_ids");
    return v instanceof List<?> l ? (List<Integer>) l : List.of();
  }
}
