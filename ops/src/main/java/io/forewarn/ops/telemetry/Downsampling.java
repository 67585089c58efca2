package io.forewarn.ops.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Chooses where a chart's points come from and how wide each bucket is: raw rows through
 * {@code time_bucket} for short ranges, the 1-minute roll-up for medium ones, the 1-hour roll-up
 * beyond that, so a query never reads more than about {@link #MAX_POINTS} buckets' worth of rows
 * from a table finer than needed.
 */
public final class Downsampling {
  public static final int MAX_POINTS = 600;
  /** Up to this range raw rows are read (at most ~2 160 rows per device at a 10 s interval). */
  public static final Duration RAW_UP_TO = Duration.ofHours(6);
  /** Up to this range the 1-minute roll-up is read (at most 20 160 rows). */
  public static final Duration MINUTE_UP_TO = Duration.ofDays(14);
  public static final Duration LONGEST = Duration.ofDays(400);
  private static final List<Duration> STEPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
      Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

  /** Which table answers. */
  public enum Source {
    RAW("telemetry", Duration.ZERO), MINUTE("telemetry_1m", Duration.ofMinutes(1)),
    HOUR("telemetry_1h", Duration.ofHours(1));

    private final String table;
    private final Duration resolution;

    Source(String table, Duration resolution) {
      this.table = table;
      this.resolution = resolution;
    }

    public String table() {
      return table;
    }

    public Duration resolution() {
      return resolution;
    }
  }

  /** The plan for one query. */
  public record Plan(Source source, Duration step) {}

  private Downsampling() {}

  /** @param requestedStep null = choose from the range */
  public static Plan plan(Instant from, Instant to, Duration requestedStep) {
    Duration range = Duration.between(from, to);
    if (range.isNegative() || range.isZero()) {
      throw new IllegalArgumentException("'from' must be before 'to'");
    }
    if (range.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("the range is " + range.toDays() + " days; at most " + LONGEST.toDays());
    }
    Source source = range.compareTo(RAW_UP_TO) <= 0 ? Source.RAW
        : range.compareTo(MINUTE_UP_TO) <= 0 ? Source.MINUTE : Source.HOUR;
    Duration least = range.dividedBy(MAX_POINTS);
    Duration step = STEPS.get(STEPS.size() - 1);
    for (Duration s : STEPS) {
      if (s.compareTo(least) >= 0 && s.compareTo(source.resolution()) >= 0) {
        step = s;
        break;
      }
    }
    if (requestedStep != null && requestedStep.compareTo(step) > 0) {
      step = requestedStep;
    }
    return new Plan(source, step);
  }
}
