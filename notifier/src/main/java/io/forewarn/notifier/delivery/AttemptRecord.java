package io.forewarn.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One row of delivery_attempts: what one try at one delivery came to. */
public record AttemptRecord(long deliveryId, int attempt, Instant startedAt, Duration took, String outcome,
    Integer httpStatus, String errorCode, String detail) {
  public AttemptRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(outcome, "outcome");
  }
}
