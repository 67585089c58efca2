package io.forewarn.rules.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Which time a cycle's clock tick judges silence and {@code for} durations by.
 *
 * <p>{@link Mode#WALL} (production): the wall clock, except while a cycle reads data well behind it (a
 * backlog after downtime), so a fleet that truly stops reporting still fires no-data on time.
 *
 * <p>{@link Mode#DATA} (replays, the accelerated simulator): the newest sample time evaluated so far, a
 * high-watermark that never moves backwards, not even when the engine is rebuilt. Data hours behind
 * the wall clock is then judged in its own time, like the replay command's data-time ticks; a device
 * is silent when its own data stops while the fleet's moves on. Before any sample there is no tick.
 */
public final class EvaluationClock {
  /** Data this far behind the wall clock is a backlog (wall mode). */
  static final Duration DATA_TIME_LAG = Duration.ofMinutes(5);
  /** Returned by {@link #tickTime} when there is nothing to tick by yet. */
  static final long NO_TICK = Long.MIN_VALUE;

  public enum Mode { WALL, DATA }

  private final Mode mode;
  private long watermark = Long.MIN_VALUE;

  public EvaluationClock(Mode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("clock mode is required");
    }
    this.mode = mode;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * @param latestSampleTs the engine's newest sample time, or Long.MIN_VALUE
   * @param readData       whether this cycle evaluated new batches
   * @return the tick time in epoch millis, or {@link #NO_TICK}
   */
  long tickTime(Instant wallNow, long latestSampleTs, boolean readData) {
    watermark = Math.max(watermark, latestSampleTs);
    if (mode == Mode.DATA) {
      return watermark;
    }
    long now = wallNow.toEpochMilli();
    boolean behind = latestSampleTs != Long.MIN_VALUE && now - latestSampleTs > DATA_TIME_LAG.toMillis();
    return readData && behind ? latestSampleTs : now;
  }
}
