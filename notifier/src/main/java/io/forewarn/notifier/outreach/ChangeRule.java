package io.forewarn.notifier.outreach;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an update is worth a customer message: the ETA moved by more than the threshold,
 * appeared, or was withdrawn; or the severity rose. Anything else (a note for engineers, an ETA
 * nudged by ten minutes) stays in the ticket.
 */
final class ChangeRule {
  private final Duration etaThreshold;

  ChangeRule(Duration etaThreshold) {
    this.etaThreshold = etaThreshold;
  }

  /** What changed since {@code last}, in words for the plan's detail; empty if nothing that matters. */
  Optional<String> meaningfulChange(SentMessage last, IncidentNotice update) {
    Instant before = last.fixEtaAtSend();
    Instant now = update.fixEta();
    if (before == null && now != null) {
      return Optional.of("an ETA is now known: " + now);
    }
    if (before != null && now == null) {
      return Optional.of("the ETA " + before + " was withdrawn");
    }
    if (before != null) {
      Duration shift = Duration.between(before, now).abs();
      if (shift.compareTo(etaThreshold) > 0) {
        return Optional.of("the ETA moved by " + shift + " (more than " + etaThreshold + ")");
      }
    }
    if (update.severity().compareTo(last.severityAtSend()) > 0) {
      return Optional.of("severity rose from " + last.severityAtSend() + " to " + update.severity());
    }
    return Optional.empty();
  }
}
