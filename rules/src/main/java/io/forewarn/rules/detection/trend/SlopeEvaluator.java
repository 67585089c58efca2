package io.forewarn.rules.detection.trend;

import io.forewarn.rules.detection.AlertStateMachine;
import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.detection.TimeWindow;

/** Evaluates a {@link SlopeRule}: ordinary least squares over the window, O(window) per sample. */
public final class SlopeEvaluator {
  static final int STATE_KIND = 0x534C4F50; // "SLOP"
  static final int STATE_VERSION = 1;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private final SlopeRule rule;
  private final TimeWindow window;
  private final AlertStateMachine alert;

  public SlopeEvaluator(SlopeRule rule) {
    this.rule = rule;
    this.window = new TimeWindow(rule.window(), rule.maxSamples());
    this.alert = new AlertStateMachine(rule.forDuration(), rule.clearDuration());
  }

  public SlopeResult update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    window.add(epochMillis, value);
    if (window.size() < 3 || window.coveredMillis() < rule.minCoverage().toMillis()) {
      // Too little data to judge: neither start nor end an alert.
      return new SlopeResult(alert.step(epochMillis, Condition.HOLDING), Double.NaN);
    }
    double slope = slopePerHour(window);
    Condition c = Condition.of(rule.direction(), slope, rule.triggerPerHour(), rule.clearPerHour());
    return new SlopeResult(alert.step(epochMillis, c), slope);
  }

  /** Least-squares slope; times are taken relative to the last sample so epoch millis lose no precision. */
  static double slopePerHour(TimeWindow w) {
    int n = w.size();
    long t0 = w.lastTime();
    double meanT = 0.0;
    double meanV = 0.0;
    for (int i = 0; i < n; i++) {
      meanT += (w.timeAt(i) - t0) / MILLIS_PER_HOUR;
      meanV += w.valueAt(i);
    }
    meanT /= n;
    meanV /= n;
    double sxy = 0.0;
    double sxx = 0.0;
    for (int i = 0; i < n; i++) {
      double dt = (w.timeAt(i) - t0) / MILLIS_PER_HOUR - meanT;
      sxy += dt * (w.valueAt(i) - meanV);
      sxx += dt * dt;
    }
    return sxx > 0 ? sxy / sxx : 0.0;
  }

  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    alert.snapshot().write(w);
    window.write(w);
    return w.toByteArray();
  }

  public static SlopeEvaluator restore(SlopeRule rule, byte[] state) {
    SlopeEvaluator e = new SlopeEvaluator(rule);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    e.alert.restore(AlertStateMachine.State.read(r));
    e.window.read(r);
    r.end();
    return e;
  }
}
