package io.forewarn.rules.ruleset;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.drift.DriftRule;
import io.forewarn.rules.detection.forecast.ForecastRule;
import io.forewarn.rules.detection.seasonal.SeasonalDriftRule;
import io.forewarn.rules.detection.threshold.Aggregation;
import io.forewarn.rules.detection.threshold.ThresholdRule;
import java.time.Duration;

/** Builds the detector of one rule from its kind-specific fields. */
final class DetectorParser {
  private DetectorParser() {}

  /** Null when a field was bad (the problem is already recorded). */
  static Detector parse(RuleKind kind, Fields f) {
    try {
      Detector d = switch (kind) {
        case THRESHOLD -> threshold(f);
        case FORECAST -> forecast(f);
        case DRIFT -> new Detector.Drift(new DriftRule((int) f.number("learning_samples", 50.0),
            f.number("baseline_alpha", 0.005), f.number("allowance", 0.5), f.number("decision", 10.0),
            f.number("clear_below", 2.0), f.number("min_sigma", null), Duration.ZERO, Duration.ZERO));
        case SEASONAL_DRIFT -> seasonal(f);
        case INCREASE -> new Detector.Increase(f.number("trigger", null), f.number("clear", 0.0),
            f.duration("window", null), (int) f.number("max_samples", 512.0));
        case NO_DATA -> new Detector.NoData(f.number("intervals", 4.0));
      };
      return f.ok() ? d : null;
    } catch (IllegalArgumentException e) {
      if (f.ok()) {
        f.problem(e.getMessage());
      }
      return null;
    }
  }

  private static Detector threshold(Fields f) {
    Direction direction = f.choice("direction", Direction.class, null);
    double trigger = f.number("trigger", null);
    double clear = f.number("clear", null);
    Aggregation aggregation = f.choice("aggregation", Aggregation.class, Aggregation.LAST);
    Duration window = f.duration("window", Duration.ofHours(1));
    if (direction != null && Double.isFinite(trigger) && Double.isFinite(clear)
        && direction.isBackInside(trigger, clear)) {
      f.problem("clear level " + clear + " is on the wrong side of trigger " + trigger + " for direction "
          + direction.name().toLowerCase(java.util.Locale.ROOT) + " (it must be on the good side)");
    }
    if (!f.ok()) {
      return null;
    }
    return new Detector.Threshold(new ThresholdRule(direction, trigger, clear, Duration.ZERO, Duration.ZERO,
        aggregation, window.isZero() ? Duration.ofHours(1) : window, (int) f.number("max_samples", 256.0)));
  }

  private static Detector seasonal(Fields f) {
    Direction direction = f.has("direction") ? f.choice("direction", Direction.class, null) : null;
    int learningDays = (int) f.number("learning_days", (double) SeasonalDriftRule.DEFAULT_LEARNING_DAYS);
    double alpha = f.number("baseline_alpha", SeasonalDriftRule.DEFAULT_BASELINE_ALPHA);
    double allowance = f.number("allowance", SeasonalDriftRule.DEFAULT_ALLOWANCE);
    double decision = f.number("decision", SeasonalDriftRule.DEFAULT_DECISION);
    double clearBelow = f.number("clear_below", SeasonalDriftRule.DEFAULT_CLEAR_BELOW);
    double clip = f.number("clip", SeasonalDriftRule.DEFAULT_CLIP);
    double minSigma = f.number("min_sigma", null);
    if (!f.ok()) {
      return null;
    }
    SeasonalDriftRule.problems(learningDays, alpha, allowance, decision, clearBelow, clip, minSigma)
        .forEach(f::problem);
    return f.ok() ? new Detector.SeasonalDrift(new SeasonalDriftRule(direction, learningDays, alpha, allowance,
        decision, clearBelow, clip, minSigma)) : null;
  }

  private static Detector forecast(Fields f) {
    Direction direction = f.choice("direction", Direction.class, null);
    double limit = f.number("limit", null);
    Duration horizon = f.duration("horizon", null);
    Duration clearHorizon = f.duration("clear_horizon", horizon == null ? null : horizon.multipliedBy(2));
    Duration window = f.duration("window", null);
    Duration minCoverage = f.duration("min_coverage", window == null ? null : window.dividedBy(2));
    if (!f.ok()) {
      return null;
    }
    return new Detector.Forecast(new ForecastRule(direction, limit, horizon, clearHorizon, window, minCoverage,
        (int) f.number("max_samples", 200.0), f.number("confidence_z", 1.64), Duration.ZERO, Duration.ZERO));
  }
}
