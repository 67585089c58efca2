package io.forewarn.simulator.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time: starts at {@code simStart} when the run starts and runs {@code speed} times faster
 * than the wall clock, but never ahead of it (the gateway rejects timestamps from the future), so an
 * accelerated run over [now - span, now] ends when it catches up with the present.
 */
public final class SimClock {
  private final Clock wall;
  private final long wallStart;
  private final long simStart;
  private final double speed;

  public SimClock(Clock wall, Instant simStart, double speed) {
    if (speed < 1) {
      throw new IllegalArgumentException("speed must be >= 1");
    }
    this.wall = wall;
    this.wallStart = wall.millis();
    this.simStart = simStart.toEpochMilli();
    this.speed = speed;
  }

  public long nowMillis() {
    long wallNow = wall.millis();
    long sim = simStart + (long) ((wallNow - wallStart) * speed);
    return Math.min(sim, wallNow);
  }

  /** Wall-clock time until simulated time reaches {@code simMillis} (zero if it already has). */
  public Duration wallDelayUntil(long simMillis) {
    long wallNow = wall.millis();
    long simNow = nowMillis();
    if (simMillis <= simNow) {
      return Duration.ZERO;
    }
    // Either the speed-up or the wall clock is what holds simulated time back.
    long bySpeed = (long) Math.ceil((simMillis - simNow) / speed);
    long byWall = simMillis - wallNow;
    return Duration.ofMillis(Math.max(1, Math.max(bySpeed, byWall)));
  }

  public double speed() {
    return speed;
  }
}
