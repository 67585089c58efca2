package io.forewarn.benchrules;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.forecast.ForecastRule;
import io.forewarn.rules.detection.forecast.TimeToThresholdForecaster;
import io.forewarn.rules.detection.seasonal.SeasonalDriftDetector;
import io.forewarn.rules.detection.seasonal.SeasonalDriftRule;
import io.forewarn.rules.detection.threshold.Aggregation;
import io.forewarn.rules.detection.threshold.ThresholdEvaluator;
import io.forewarn.rules.detection.threshold.ThresholdRule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Points per second through one rule's detector, one thread. Each invocation feeds
 * {@value #BATCH} consecutive readings (15-minute reports, time always moving forward) to the same
 * detector, so windows stay full and every point costs what it costs in the engine. The rules are the
 * shipped ones' shapes: a raw threshold, a mean over 1 h, a Theil–Sen forecast over 2 days (200 samples
 * at most), the seasonal drift of a router's temperature.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuleEvaluationBenchmark {
  static final int BATCH = 1024;

  private double[] pressure;
  private double[] temperature;
  private long ts;
  private int at;
  private ThresholdEvaluator thresholdLast;
  private ThresholdEvaluator thresholdMean;
  private TimeToThresholdForecaster forecast;
  private SeasonalDriftDetector seasonal;

  @Setup
  public void setUp() {
    pressure = Series.values(1.4, 0.1, 0.03, 1);
    temperature = Series.values(54, 3, 1.0, 2);
    ts = Series.START;
    thresholdLast = new ThresholdEvaluator(new ThresholdRule(Direction.BELOW, 0.8, 0.95, Duration.ZERO, Duration.ZERO,
        Aggregation.LAST, Duration.ofHours(1), 256));
    thresholdMean = new ThresholdEvaluator(new ThresholdRule(Direction.BELOW, 0.8, 0.95, Duration.ZERO, Duration.ZERO,
        Aggregation.MEAN, Duration.ofHours(1), 256));
    forecast = new TimeToThresholdForecaster(new ForecastRule(Direction.BELOW, 0.7, Duration.ofDays(7),
        Duration.ofDays(14), Duration.ofDays(2), Duration.ofDays(1), 200, 1.64, Duration.ZERO, Duration.ZERO));
    seasonal = new SeasonalDriftDetector(new SeasonalDriftRule(Direction.ABOVE, 3, 0.02, 1.0, 12, 2, 4, 0.3),
        ZoneId.of("Europe/Berlin"));
    // Warm the windows and the seasonal profile (a week of data) before measuring.
    for (int i = 0; i < 7 * 96; i++) {
      next();
      thresholdLast.update(ts, pressure[at]);
      thresholdMean.update(ts, pressure[at]);
      forecast.update(ts, pressure[at]);
      seasonal.update(ts, temperature[at]);
    }
  }

  private void next() {
    ts += Series.STEP_MILLIS;
    at = (at + 1) & (Series.LENGTH - 1);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void thresholdRaw(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      next();
      bh.consume(thresholdLast.update(ts, pressure[at]));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void thresholdMean1h(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      next();
      bh.consume(thresholdMean.update(ts, pressure[at]));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void forecastTheilSen2d(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      next();
      bh.consume(forecast.update(ts, pressure[at]));
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void seasonalDrift(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      next();
      bh.consume(seasonal.update(ts, temperature[at]));
    }
  }
}
