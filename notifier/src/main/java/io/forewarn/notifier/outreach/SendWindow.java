package io.forewarn.notifier.outreach;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Set;

/** Decides when a customer message may arrive, given the customer's quiet hours. */
final class SendWindow {
  private final Set<IncidentKind> overrideKinds;

  SendWindow(Set<IncidentKind> overrideKinds) {
    this.overrideKinds = Set.copyOf(overrideKinds);
  }

  record Timing(Instant sendAt, SendTiming reason) {}

  /**
   * The earliest time at or after {@code proposed} this notice's message may go out. Only
   * opening and update messages of an overriding kind break quiet hours: that a disruption is
   * over can wait until morning.
   */
  Timing earliest(IncidentNotice notice, Transition template, Instant proposed) {
    var preferences = notice.customer().preferences();
    QuietHours quiet = preferences.quietHours();
    if (quiet == null) {
      return new Timing(proposed, SendTiming.IMMEDIATE);
    }
    ZonedDateTime local = proposed.atZone(preferences.timeZone());
    if (!quiet.contains(local.toLocalTime())) {
      return new Timing(proposed, SendTiming.IMMEDIATE);
    }
    if (template != Transition.RESOLVED && overrideKinds.contains(notice.kind())) {
      return new Timing(proposed, SendTiming.QUIET_HOURS_OVERRIDDEN);
    }
    return new Timing(quiet.nextAllowed(local).toInstant(), SendTiming.AFTER_QUIET_HOURS);
  }
}
