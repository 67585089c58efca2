package io.forewarn.notifier.channel.ticket;

import java.util.List;
import java.util.Objects;

/** What to do to an operations ticket. Texts come from the ticket templates. */
public sealed interface TicketMessage {
  /** The plan's delivery key; doubles as the helpdesk's idempotency key / webhook id. */
  String deliveryKey();

  String incidentId();

  /** Open a ticket for an incident ({@code external_id} = incident id). */
  record Create(String deliveryKey, String incidentId, String subject, String body, TicketPriority priority,
      List<String> tags) implements TicketMessage {
    public Create {
      Objects.requireNonNull(deliveryKey, "deliveryKey");
      Objects.requireNonNull(incidentId, "incidentId");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(priority, "priority");
      tags = List.copyOf(tags);
    }
  }

  /**
   * Add an internal comment; {@code ticketId} is what the helpdesk returned on create.
   */
  record Comment(String deliveryKey, String incidentId, String ticketId, String body) implements TicketMessage {
    public Comment {
      Objects.requireNonNull(deliveryKey, "deliveryKey");
      Objects.requireNonNull(incidentId, "incidentId");
      Objects.requireNonNull(ticketId, "ticketId");
      Objects.requireNonNull(body, "body");
    }
  }

  /** Add a closing comment and mark the ticket solved. */
  record Solve(String deliveryKey, String incidentId, String ticketId, String body) implements TicketMessage {
    public Solve {
      Objects.requireNonNull(deliveryKey, "deliveryKey");
      Objects.requireNonNull(incidentId, "incidentId");
      Objects.requireNonNull(ticketId, "ticketId");
      Objects.requireNonNull(body, "body");
    }
  }
}
