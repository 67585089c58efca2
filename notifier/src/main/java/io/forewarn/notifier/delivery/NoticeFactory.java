package io.forewarn.notifier.delivery;

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
        kind == IncidentKind.SERVICE_DISRUPTION || kind == IncidentKind.PLANNED_MAINTENANCE && "region".equals(p.scopeType())
            ? p.scopeValue() : null,
        kind == IncidentKind.PLANNED_MAINTENANCE ? p.maintenanceWindow() : null,
        transition == Transition.RESOLVED ? p.resolution() : null);
  }
}
