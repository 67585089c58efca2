package io.forewarn.notifier.channel;

import io.forewarn.common.config.ConfigReader;
import java.time.Clock;

/** A connector's send rate: {@code perMinute} on average, up to {@code burst} at once. */
public record RateLimit(int perMinute, int burst) {
  public RateLimit {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be at least 1");
    }
  }

  public TokenBucket bucket(Clock clock) {
    return new TokenBucket(perMinute / 60d, burst, clock);
  }

  /** Reads {@code <prefix>_RATE_PER_MINUTE} and {@code <prefix>_BURST}. */
  public static RateLimit read(ConfigReader r, String prefix, RateLimit defaults) {
    return new RateLimit(
        r.integer(prefix + "_RATE_PER_MINUTE", defaults.perMinute(), 1, 1_000_000),
        r.integer(prefix + "_BURST", defaults.burst(), 1, 100_000));
  }
}
