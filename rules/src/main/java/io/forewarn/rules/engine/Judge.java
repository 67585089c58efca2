package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.detection.TimeWindow;
import io.forewarn.rules.detection.drift.BaselineDriftDetector;
import io.forewarn.rules.detection.drift.DriftResult;
import io.forewarn.rules.detection.forecast.Eta;
import io.forewarn.rules.detection.forecast.ForecastRule;
import io.forewarn.rules.detection.forecast.TimeToThresholdForecaster;
import io.forewarn.rules.detection.seasonal.SeasonalDriftDetector;
import io.forewarn.rules.detection.threshold.ThresholdEvaluator;
import io.forewarn.rules.ruleset.Detector;
import java.time.ZoneId;

/**
 * Turns a sample into a {@link Judgement} with the detection core. The detectors are built with zero
 * for/clear durations; timing is the {@link IncidentMachine}'s job. No-data has no judge: it is
 * judged from the clock.
 */
abstract sealed class Judge {
  abstract Judgement update(long ts, double value);

  abstract byte[] snapshot();

  static Judge create(Detector detector, ZoneId zone, byte[] state) {
    return switch (detector) {
      case Detector.Threshold t -> new ThresholdJudge(t, state);
      case Detector.Forecast f -> new ForecastJudge(f.rule(), state);
      case Detector.Drift d -> new DriftJudge(d, state);
      case Detector.Increase i -> new IncreaseJudge(i, state);
      case Detector.SeasonalDrift s -> new SeasonalJudge(s, zone, state);
      case Detector.NoData n -> throw new IllegalArgumentException("no_data is judged by the clock");
    };
  }

  static final class ThresholdJudge extends Judge {
    private final Detector.Threshold def;
    private final ThresholdEvaluator evaluator;

    ThresholdJudge(Detector.Threshold def, byte[] state) {
      this.def = def;
      this.evaluator = state == null ? new ThresholdEvaluator(def.rule())
          : ThresholdEvaluator.restore(def.rule(), state);
    }

    @Override
    Judgement update(long ts, double value) {
      double observed = evaluator.update(ts, value).observed();
      var r = def.rule();
      return new Judgement(Condition.of(r.direction(), observed, r.triggerLevel(), r.clearLevel()), observed, -1);
    }

    @Override
    byte[] snapshot() {
      return evaluator.snapshot();
    }
  }

  static final class ForecastJudge extends Judge {
    private final ForecastRule rule;
    private final TimeToThresholdForecaster forecaster;

    ForecastJudge(ForecastRule rule, byte[] state) {
      this.rule = rule;
      this.forecaster = state == null ? new TimeToThresholdForecaster(rule)
          : TimeToThresholdForecaster.restore(rule, state);
    }

    @Override
    Judgement update(long ts, double value) {
      Eta eta = forecaster.update(ts, value).eta();
      // The same reading of the bounds as the forecaster's own alert: fire only when even the latest
      // plausible crossing is inside the horizon, clear only when even the earliest is beyond the clear horizon.
      return switch (eta) {
        case Eta.Unknown u -> new Judgement(Condition.HOLDING, value, -1);
        case Eta.NotApproaching n -> new Judgement(Condition.CLEAR, value, -1);
        case Eta.Crossing c when c.latestMillis() <= rule.horizon().toMillis() ->
          new Judgement(Condition.BREACHING, c.level(), c.expectedMillis());
        case Eta.Crossing c when c.earliestMillis() > rule.clearHorizon().toMillis() ->
          new Judgement(Condition.CLEAR, c.level(), c.expectedMillis());
        case Eta.Crossing c -> new Judgement(Condition.HOLDING, c.level(), c.expectedMillis());
      };
    }

    @Override
    byte[] snapshot() {
      return forecaster.snapshot();
    }
  }

  static final class DriftJudge extends Judge {
    private final Detector.Drift def;
    private final BaselineDriftDetector detector;

    DriftJudge(Detector.Drift def, byte[] state) {
      this.def = def;
      this.detector = state == null ? new BaselineDriftDetector(def.rule())
          : BaselineDriftDetector.restore(def.rule(), state);
    }

    @Override
    Judgement update(long ts, double value) {
      DriftResult r = detector.update(ts, value);
      double evidence = Math.max(r.upward(), r.downward());
      Condition c = evidence >= def.rule().decision() ? Condition.BREACHING
          : evidence < def.rule().clearBelow() ? Condition.CLEAR : Condition.HOLDING;
      return new Judgement(c, evidence, -1);
    }

    @Override
    byte[] snapshot() {
      return detector.snapshot();
    }
  }

  static final class SeasonalJudge extends Judge {
    private final Detector.SeasonalDrift def;
    private final SeasonalDriftDetector detector;

    SeasonalJudge(Detector.SeasonalDrift def, ZoneId zone, byte[] state) {
      this.def = def;
      this.detector = state == null ? new SeasonalDriftDetector(def.rule(), zone)
          : SeasonalDriftDetector.restore(def.rule(), zone, state);
    }

    @Override
    Judgement update(long ts, double value) {
      SeasonalDriftDetector.Step step = detector.update(ts, value);
      double evidence = step.evidence();
      Condition c = evidence >= def.rule().decision() ? Condition.BREACHING
          : evidence < def.rule().clearBelow() ? Condition.CLEAR : Condition.HOLDING;
      return new Judgement(c, value, -1, step.residual());
    }

    @Override
    byte[] snapshot() {
      return detector.snapshot();
    }
  }

  /** Counters are cumulative: the increase over the window is last minus first in it. */
  static final class IncreaseJudge extends Judge {
    private static final int KIND = 0x494E4352; // "INCR"
    private final Detector.Increase def;
    private final TimeWindow window;

    IncreaseJudge(Detector.Increase def, byte[] state) {
      this.def = def;
      this.window = new TimeWindow(def.window(), def.maxSamples());
      if (state != null) {
        StateBytes.Reader r = new StateBytes.Reader(state, KIND, 1);
        window.read(r);
        r.end();
      }
    }

    @Override
    Judgement update(long ts, double value) {
      window.add(ts, value);
      // A counter that went down was reset (replacement board): measure from the reset on.
      double first = window.valueAt(0);
      for (int i = 1; i < window.size(); i++) {
        if (window.valueAt(i) < window.valueAt(i - 1)) {
          first = window.valueAt(i);
        }
      }
      double increase = value - first;
      Condition c = increase >= def.trigger() ? Condition.BREACHING
          : increase <= def.clear() ? Condition.CLEAR : Condition.HOLDING;
      return new Judgement(c, increase, -1);
    }

    @Override
    byte[] snapshot() {
      StateBytes.Writer w = new StateBytes.Writer(KIND, 1);
      window.write(w);
      return w.toByteArray();
    }
  }
}
