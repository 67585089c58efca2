package io.forewarn.notifier.channel.ticket;

import io.forewarn.notifier.outreach.Severity;
import java.util.Locale;

/** Helpdesk priority, in Zendesk's words. */
public enum TicketPriority {
  LOW,
  NORMAL,
  HIGH,
  URGENT;

  public static TicketPriority of(Severity severity) {
    return switch (severity) {
      case LOW -> LOW;
      case MEDIUM -> NORMAL;
      case HIGH -> HIGH;
      case CRITICAL -> URGENT;
    };
  }

  public String apiValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
