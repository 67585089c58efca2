package io.forewarn.notifier.outreach;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A daily window, in the customer's local time, in which non-urgent messages must not arrive.
 * The window may wrap midnight (22:00-07:00). {@code start} is inclusive, {@code end} exclusive.
 */
public record QuietHours(LocalTime start, LocalTime end) {
  public QuietHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours must not start and end at the same time: " + start);
    }
  }

  public boolean wrapsMidnight() {
    return start.isAfter(end);
  }

  public boolean contains(LocalTime time) {
    return wrapsMidnight()
        ? !time.isBefore(start) || time.isBefore(end)
        : !time.isBefore(start) && time.isBefore(end);
  }

  /**
   * The first moment at or after {@code now} that lies outside the window. Computed on local
   * dates and resolved in the zone afterwards, so a DST change inside the window neither
   * shortens nor lengthens it; if the end falls in a DST gap, {@link ZonedDateTime#of} moves it
   * forward by the gap (still after the quiet hours), and in an overlap it takes the earlier
   * offset (the first time the clock shows the end).
   */
  public ZonedDateTime nextAllowed(ZonedDateTime now) {
    LocalTime local = now.toLocalTime();
    if (!contains(local)) {
      return now;
    }
    LocalDate endDate = wrapsMidnight() && !local.isBefore(start)
        ? now.toLocalDate().plusDays(1)
        : now.toLocalDate();
    ZonedDateTime end = ZonedDateTime.of(endDate, this.end, now.getZone());
    // An end shifted by a gap can never precede now, but guard against odd zone rules.
    return end.isBefore(now) ? now : end;
  }
}
