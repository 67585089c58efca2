package io.forewarn.notifier.outreach;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How an incident ended: when, and how long the customer was affected. */
public record Resolution(Instant resolvedAt, Duration impact) {
  public Resolution {
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Objects.requireNonNull(impact, "impact");
    if (impact.isNegative()) {
      throw new IllegalArgumentException("impact duration must not be negative: " + impact);
    }
  }
}
