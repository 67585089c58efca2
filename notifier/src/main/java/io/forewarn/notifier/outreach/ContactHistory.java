package io.forewarn.notifier.outreach;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one customer has already been sent: every message about the incident at hand plus every
 * message about anything in the last 24 hours (for the daily cap). The delivery loop loads it
 * from the attempts table; the planner only reads it.
 */
public record ContactHistory(List<SentMessage> sent) {
  public static final ContactHistory NONE = new ContactHistory(List.of());

  public ContactHistory {
    sent = List.copyOf(sent);
  }

  public List<SentMessage> aboutIncident(String incidentId) {
    return sent.stream().filter(m -> m.incidentId().equals(incidentId)).toList();
  }

  public Optional<SentMessage> latestAbout(String incidentId) {
    return aboutIncident(incidentId).stream().max(Comparator.comparing(SentMessage::sentAt));
  }

  public boolean anySent(String incidentId, Transition transition) {
    return aboutIncident(incidentId).stream().anyMatch(m -> m.transition() == transition);
  }

  /** Messages sent in the half-open window {@code (from, to]}, oldest first. */
  public List<Instant> sendsBetween(Instant from, Instant to) {
    return sent.stream().map(SentMessage::sentAt)
        .filter(t -> t.isAfter(from) && !t.isAfter(to))
        .sorted()
        .toList();
  }
}
