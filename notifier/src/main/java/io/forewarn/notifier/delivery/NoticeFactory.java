package io.forewarn.notifier.delivery;

import io.forewarn.notifier.outreach.AffectedScope;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Transition;

/** Builds the planner's {@link IncidentNotice} for one customer from an outbox payload. */
public final class NoticeFactory {
  private NoticeFactory() {}

  public static IncidentNotice build(IncidentPayload p, Customer customer) {
    IncidentKind kind = p.kind();
    Transition transition = p.transition();
    return new IncidentNotice(
        Long.toString(p.incidentId()),
        p.outboxId(),
        kind,
        transition,
        p.severity(),
        p.occurredAt(),
        p.device(),
        customer,
        p.summary(),
        p.predictedFailureAt(),
        transition == Transition.RESOLVED ? null : p.fixEta(),
        p.suggestedActionKey(),
        scope(p, kind),
        kind == IncidentKind.PLANNED_MAINTENANCE ? p.maintenanceWindow() : null,
        transition == Transition.RESOLVED ? p.resolution() : null);
  }

  /** A disruption's area or firmware; a maintenance window's region, if it has one (its texts name no other). */
  private static AffectedScope scope(IncidentPayload p, IncidentKind kind) {
    return switch (kind) {
      case SERVICE_DISRUPTION -> AffectedScope.of(p.scopeType(), p.scopeValue());
      case PLANNED_MAINTENANCE -> "region".equals(p.scopeType()) ? new AffectedScope.Area(p.scopeValue()) : null;
      case DEVICE_PROBLEM -> null;
    };
  }
}
