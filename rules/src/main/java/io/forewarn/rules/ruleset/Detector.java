package io.forewarn.rules.ruleset;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.drift.DriftRule;
import io.forewarn.rules.detection.forecast.ForecastRule;
import io.forewarn.rules.detection.seasonal.SeasonalDriftRule;
import io.forewarn.rules.detection.threshold.ThresholdRule;
import java.time.Duration;

/**
 * What a rule watches. The detection records here carry zero for/clear durations: they give the
 * instantaneous judgement with hysteresis, and the engine's incident machine adds the timing (so a
 * {@code for} can also run out on a clock tick, without a new sample).
 */
public sealed interface Detector {
  /** Value past a level (raw or aggregated over a window). */
  record Threshold(ThresholdRule rule) implements Detector {}

  /** Trend extrapolated to a limit; fires while the crossing is due within the horizon. */
  record Forecast(ForecastRule rule) implements Detector {}

  /** Drift from the device's own learnt baseline (CUSUM). */
  record Drift(DriftRule rule) implements Detector {}

  /** Drift from the device's own daily profile (CUSUM on the residual after its usual value for the hour). */
  record SeasonalDrift(SeasonalDriftRule rule) implements Detector {}

  /** A counter rising by at least {@code trigger} within {@code window}; clears at or below {@code clear}. */
  record Increase(double trigger, double clear, Duration window, int maxSamples) implements Detector {
    public Increase {
      if (!(trigger > 0) || !(clear >= 0) || clear >= trigger) {
        throw new IllegalArgumentException("increase needs trigger > 0 and 0 <= clear < trigger");
      }
      if (window == null || window.isZero() || window.isNegative() || maxSamples < 2) {
        throw new IllegalArgumentException("increase needs a positive window and maxSamples >= 2");
      }
    }
  }

  /** Nothing received for {@code intervals} of the device's report interval, or an offline status. */
  record NoData(double intervals) implements Detector {
    public NoData {
      if (!(intervals >= 2)) {
        throw new IllegalArgumentException("no_data needs intervals >= 2 (one missed report is normal)");
      }
    }
  }

  /** The side of the limit that is bad, for plain-words summaries; null where it does not apply. */
  default Direction direction() {
    return switch (this) {
      case Threshold t -> t.rule().direction();
      case Forecast f -> f.rule().direction();
      case Drift d -> null;
      case SeasonalDrift s -> s.rule().direction();
      case Increase i -> Direction.ABOVE;
      case NoData n -> null;
    };
  }
}
