package io.forewarn.notifier.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter that never undercuts the provider's Retry-After:
 * {@code max(retryAfter, min(max, base * 2^(attempt-1))) * (1 + 0.2 * jitter)}, at most {@code max}
 * unless Retry-After asks for more.
 */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final DoubleSupplier jitter;

  /** @param jitter uniform in [0, 1) */
  public Backoff(Duration base, Duration max, DoubleSupplier jitter) {
    this.base = base;
    this.max = max;
    this.jitter = jitter;
  }

  public Duration delay(int attempt, Duration retryAfter) {
    int exponent = Math.max(0, Math.min(30, attempt - 1));
    long exp = Math.min(max.toMillis(), base.toMillis() << exponent);
    long spread = (long) (exp * 0.2 * jitter.getAsDouble());
    long wait = Math.min(max.toMillis(), exp + spread);
    return Duration.ofMillis(Math.max(wait, retryAfter.toMillis()));
  }
}
