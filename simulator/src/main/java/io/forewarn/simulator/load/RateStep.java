package io.forewarn.simulator.load;

import java.time.Duration;

/** Hold {@code messagesPerSecond} for {@code duration}. */
public record RateStep(double messagesPerSecond, Duration duration) {
  public RateStep {
    if (!(messagesPerSecond > 0) || messagesPerSecond > 1_000_000) {
      throw new IllegalArgumentException("rate must be in (0, 1000000] messages/s: " + messagesPerSecond);
    }
    if (duration == null || duration.toMillis() < 100) {
      throw new IllegalArgumentException("a step lasts at least 100 ms");
    }
  }
}
