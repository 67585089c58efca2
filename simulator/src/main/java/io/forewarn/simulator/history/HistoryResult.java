package io.forewarn.simulator.history;

import java.time.Duration;

/** What a history run wrote. {@code complete} is false when it was stopped early. */
public record HistoryResult(long rows, long batches, long statusRows, Duration elapsed, boolean complete) {
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rows / seconds;
  }
}
