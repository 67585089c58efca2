package io.forewarn.notifier.outreach;

import java.util.Objects;
import java.time.Instant;

/** When planned work interrupts the service. */
public record MaintenanceWindow(Instant start, Instant end) {
  public MaintenanceWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("maintenance must end after it starts: " + start + " .. " + end);
    }
  }
}
