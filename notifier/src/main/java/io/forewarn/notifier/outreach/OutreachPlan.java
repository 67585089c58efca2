package io.forewarn.notifier.outreach;

import java.util.Objects;

/** Everything one notice leads to: the ticket step for operations and the customer message. */
public record OutreachPlan(IncidentNotice notice, TicketStep ticket, CustomerOutreach customer) {
  public OutreachPlan {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(customer, "customer");
  }
}
