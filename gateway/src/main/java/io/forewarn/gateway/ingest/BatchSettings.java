package io.forewarn.gateway.ingest;

import java.time.Duration;

/**
 * When a batch is written: at {@code maxMessages} or {@code maxDelay} after its first message,
 * whichever comes first. Failed writes are retried with exponential backoff up to {@code maxBackoff};
 * after {@code fatalAfter} consecutive set-up failures (auth, missing table) the gateway stops.
 */
public record BatchSettings(int maxMessages, Duration maxDelay, Duration maxBackoff, int fatalAfter) {
  public BatchSettings {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    if (maxDelay.isNegative() || maxDelay.isZero() || maxBackoff.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("batch delay must be positive and max backoff >= 100ms");
    }
    if (fatalAfter < 1) {
      throw new IllegalArgumentException("fatalAfter must be positive");
    }
  }
}
