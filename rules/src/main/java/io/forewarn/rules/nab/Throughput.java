package io.forewarn.rules.nab;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.anomaly.AnomalyDetectorConfig;
import io.forewarn.rules.detection.anomaly.StreamingAnomalyDetector;
import io.forewarn.rules.detection.drift.BaselineDriftDetector;
import io.forewarn.rules.detection.drift.DriftRule;
import io.forewarn.rules.detection.forecast.ForecastRule;
import io.forewarn.rules.detection.forecast.TimeToThresholdForecaster;
import io.forewarn.rules.detection.threshold.Aggregation;
import io.forewarn.rules.detection.threshold.ThresholdEvaluator;
import io.forewarn.rules.detection.threshold.ThresholdRule;
import io.forewarn.rules.detection.trend.SlopeEvaluator;
import io.forewarn.rules.detection.trend.SlopeRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A rough in-process timing of each evaluator's per-point update on one core: the corpus' values replayed
 * one minute apart, a warm-up pass for the JIT, then the best of three timed passes. Not JMH: figures are
 * indicative (±20% on a shared machine), good enough to see orders of magnitude.
 */
final class Throughput {
  private static final long STEP_MILLIS = 60_000;
  private static final int PASSES = 3;

  /** Points per second of one evaluator. */
  record Figure(String what, double pointsPerSecond) {}

  /** One evaluator's per-point update, without boxing. */
  @FunctionalInterface
  private interface Update {
    double apply(long epochMillis, double value);
  }

  private final double[] values;
  // Results are summed here so the JIT cannot drop the work being timed.
  private volatile double sink;

  Throughput(List<NabSeries> corpus) {
    int n = corpus.stream().mapToInt(NabSeries::size).sum();
    values = new double[n];
    int k = 0;
    for (NabSeries s : corpus) {
      System.arraycopy(s.values(), 0, values, k, s.size());
      k += s.size();
    }
  }

  List<Figure> measureAll() {
    AnomalyDetectorConfig anomaly = AnomalyDetectorConfig.defaults();
    ThresholdRule raw = ThresholdRule.onValue(Direction.ABOVE, 80, 70, Duration.ofMinutes(5));
    ThresholdRule mean = new ThresholdRule(Direction.ABOVE, 80, 70, Duration.ofMinutes(5), Duration.ofMinutes(5),
        Aggregation.MEAN, Duration.ofMinutes(15), 64);
    SlopeRule slope = new SlopeRule(Direction.ABOVE, 5, 2, Duration.ofHours(1), Duration.ofMinutes(30),
        Duration.ZERO, Duration.ZERO, 128);
    ForecastRule forecast = new ForecastRule(Direction.ABOVE, 100, Duration.ofHours(24), Duration.ofHours(48),
        Duration.ofMinutes(200), Duration.ofMinutes(100), 200, 1.64, Duration.ZERO, Duration.ZERO);
    DriftRule drift = DriftRule.standard(1e-6);
    List<Figure> figures = new ArrayList<>();
    figures.add(time("anomaly detector (NAB config)", () -> {
      StreamingAnomalyDetector d = new StreamingAnomalyDetector(anomaly);
      return d::update;
    }));
    figures.add(time("threshold, raw value, for 5 min", () -> {
      ThresholdEvaluator e = new ThresholdEvaluator(raw);
      return (t, v) -> e.update(t, v).observed();
    }));
    figures.add(time("threshold, mean over 15 samples", () -> {
      ThresholdEvaluator e = new ThresholdEvaluator(mean);
      return (t, v) -> e.update(t, v).observed();
    }));
    figures.add(time("slope, least squares over 60 samples", () -> {
      SlopeEvaluator e = new SlopeEvaluator(slope);
      return (t, v) -> e.update(t, v).slopePerHour();
    }));
    figures.add(time("forecast, Theil-Sen over 200 samples", () -> {
      TimeToThresholdForecaster f = new TimeToThresholdForecaster(forecast);
      return (t, v) -> f.update(t, v).step().phase().ordinal();
    }));
    figures.add(time("drift, CUSUM", () -> {
      BaselineDriftDetector d = new BaselineDriftDetector(drift);
      return (t, v) -> d.update(t, v).upward();
    }));
    return figures;
  }

  /** A fresh evaluator per pass, fed every corpus value; returns the best pass. */
  private Figure time(String what, Supplier<Update> factory) {
    double best = 0;
    for (int pass = 0; pass <= PASSES; pass++) {
      Update evaluator = factory.get();
      double sum = 0;
      long start = System.nanoTime();
      for (int i = 0; i < values.length; i++) {
        sum += evaluator.apply(i * STEP_MILLIS, values[i]);
      }
      sink = sum;
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pass > 0) { // pass 0 warms the JIT up
        best = Math.max(best, values.length / seconds);
      }
    }
    return new Figure(what, best);
  }
}
