package io.forewarn.notifier.outreach;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules stage hands over when an incident changes, addressed to one customer (a service
 * disruption produces one notice per affected customer). Optional components are {@code null}
 * when unknown; the compact constructor rejects combinations no message could be written for.
 *
 * @param revision increases with every change of the incident; makes update delivery keys unique
 * @param occurredAt when the transition happened
 * @param device the affected device; required for {@link IncidentKind#DEVICE_PROBLEM}
 * @param summary what is wrong, as a phrase key plus parameters
 * @param predictedFailureAt when the device is expected to stop working, if predicted
 * @param fixEta when we expect the problem to be fixed, if known
 * @param suggestedActionKey what the customer can do ({@code action.<key>} in the phrase book)
 * @param scope what is affected: an area or a firmware; required for {@link IncidentKind#SERVICE_DISRUPTION},
 *     an area or {@code null} for planned maintenance
 * @param maintenance the planned window; required for {@link IncidentKind#PLANNED_MAINTENANCE}
 * @param resolution how it ended; present exactly when {@code transition} is RESOLVED
 */
public record IncidentNotice(
    String incidentId,
    long revision,
    IncidentKind kind,
    Transition transition,
    Severity severity,
    Instant occurredAt,
    Device device,
    Customer customer,
    ProblemSummary summary,
    Instant predictedFailureAt,
    Instant fixEta,
    String suggestedActionKey,
    AffectedScope scope,
    MaintenanceWindow maintenance,
    Resolution resolution) {

  public IncidentNotice {
    Customer.requireText(incidentId, "incident id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(summary, "summary");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must not be negative: " + revision);
    }
    if (kind == IncidentKind.DEVICE_PROBLEM && device == null) {
      throw new IllegalArgumentException("a device problem needs the device");
    }
    if (kind == IncidentKind.SERVICE_DISRUPTION && scope == null) {
      throw new IllegalArgumentException(
          "a service disruption needs its scope (the affected region, site or firmware)");
    }
    if (kind == IncidentKind.PLANNED_MAINTENANCE && maintenance == null) {
      throw new IllegalArgumentException("planned maintenance needs its window");
    }
    if ((transition == Transition.RESOLVED) != (resolution != null)) {
      throw new IllegalArgumentException("resolution info must be present exactly when the transition is RESOLVED");
    }
    if (suggestedActionKey != null && !ProblemSummary.KEY.matcher(suggestedActionKey).matches()) {
      throw new IllegalArgumentException("suggested action must be a lower_snake_case key, was " + suggestedActionKey);
    }
  }

  public Optional<Instant> fixEtaIfKnown() {
    return Optional.ofNullable(fixEta);
  }

  public Optional<Device> deviceIfAny() {
    return Optional.ofNullable(device);
  }
}
