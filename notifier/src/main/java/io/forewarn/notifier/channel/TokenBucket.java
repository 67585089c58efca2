package io.forewarn.notifier.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code burst} sends at once, then {@code ratePerSecond} on average. Keeps us
 * under a provider's limit instead of learning it from 429s. Thread-safe; time comes from the
 * injected clock, and a clock that steps backwards refills nothing.
 */
public final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double ratePerSecond;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private Instant last;
  /** Tokens that refilled into a full bucket: rate we were allowed but did not use. */
  private double unused;

  public TokenBucket(double ratePerSecond, int burst, Clock clock) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number of sends per second, was " + ratePerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.instant();
  }

  /** Takes a token if one is there. */
  public synchronized boolean tryAcquire() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Takes up to {@code max} tokens at once; returns how many it got (maybe 0). */
  public synchronized int tryAcquire(int max) {
    refill();
    int granted = (int) Math.min(max, Math.floor(tokens));
    tokens -= granted;
    return Math.max(granted, 0);
  }

  /**
   * Takes up to {@code max} tokens, but only if at least {@code atLeast} (capped at the burst and
   * at {@code max}) are there; otherwise takes none. A busy delivery loop uses this to claim a
   * chunk per database round trip instead of the one token that refilled since its last look.
   */
  public synchronized int tryAcquire(int max, int atLeast) {
    refill();
    int need = Math.max(1, Math.min(Math.min(atLeast, max), burst));
    if (tokens < need) {
      return 0;
    }
    int granted = (int) Math.min(max, Math.floor(tokens));
    tokens -= granted;
    return granted;
  }

  /** How many tokens refill in {@code tick} (at least 1, at most the burst). */
  public int perTick(Duration tick) {
    double perTick = Math.ceil(ratePerSecond * tick.toNanos() / NANOS_PER_SECOND);
    return (int) Math.max(1, Math.min(burst, perTick));
  }

  /**
   * Tokens lost so far because the bucket was full when they refilled. While work is queued this
   * stays flat if the bucket is what limits the rate, and grows if the sender falls behind it
   * (starved of CPU or waiting on the database): the gap to the configured rate, measured.
   */
  public synchronized double unusedTokens() {
    refill();
    return unused;
  }

  /** Gives back tokens taken but not used (work that turned out not to be there). */
  public synchronized void release(int count) {
    tokens = Math.min(burst, tokens + count);
  }

  /** How long until a token will be there (zero if one is there now). */
  public synchronized Duration timeUntilAvailable() {
    return timeUntilAvailable(1);
  }

  /** How long until {@code count} tokens (capped at the burst) will be there. */
  public synchronized Duration timeUntilAvailable(int count) {
    refill();
    int need = Math.max(1, Math.min(count, burst));
    if (tokens >= need) {
      return Duration.ZERO;
    }
    long nanos = (long) Math.ceil((need - tokens) / ratePerSecond * NANOS_PER_SECOND);
    return Duration.ofNanos(nanos);
  }

  private void refill() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      double elapsed = Duration.between(last, now).toNanos() / NANOS_PER_SECOND;
      double filled = tokens + elapsed * ratePerSecond;
      unused += Math.max(0, filled - burst);
      tokens = Math.min(burst, filled);
      last = now;
    }
  }
}
