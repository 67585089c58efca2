package io.forewarn.notifier.outreach;

import java.util.Objects;

/**
 * What to do with the operations ticket for an incident. Ticket steps ignore quiet hours and
 * caps; their delivery key has no customer in it, so the many notices of one disruption make
 * one ticket.
 */
public record TicketStep(Action action, String deliveryKey) {
  public enum Action {
    /** Create the ticket (idempotently: the key doubles as the helpdesk's idempotency key). */
    OPEN,
    /** Add an internal comment with what changed. */
    COMMENT,
    /** Add a closing comment and mark the ticket solved. */
    SOLVE
  }

  public TicketStep {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(deliveryKey, "deliveryKey");
  }
}
