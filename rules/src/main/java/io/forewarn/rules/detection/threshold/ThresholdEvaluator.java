package io.forewarn.rules.detection.threshold;

import io.forewarn.rules.detection.AlertStateMachine;
import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.detection.TimeWindow;

/** Evaluates one {@link ThresholdRule} on one series, sample by sample, in data time. */
public final class ThresholdEvaluator {
  static final int STATE_KIND = 0x54485245; // "THRE"
  static final int STATE_VERSION = 1;

  private final ThresholdRule rule;
  private final TimeWindow window;
  private final AlertStateMachine alert;

  public ThresholdEvaluator(ThresholdRule rule) {
    this.rule = rule;
    this.window = new TimeWindow(rule.window(), rule.maxSamples());
    this.alert = new AlertStateMachine(rule.forDuration(), rule.clearDuration());
  }

  public ThresholdResult update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    window.add(epochMillis, value);
    double observed = aggregate(value);
    Condition c = Condition.of(rule.direction(), observed, rule.triggerLevel(), rule.clearLevel());
    return new ThresholdResult(alert.step(epochMillis, c), observed);
  }

  private double aggregate(double last) {
    if (rule.aggregation() == Aggregation.LAST) {
      return last;
    }
    // O(window): windows of rules are small (tens of samples), and a scan has no state to persist.
    double sum = 0.0;
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < window.size(); i++) {
      double v = window.valueAt(i);
      sum += v;
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    return switch (rule.aggregation()) {
      case MEAN -> sum / window.size();
      case MAX -> max;
      case MIN -> min;
      case LAST -> last;
    };
  }

  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    alert.snapshot().write(w);
    window.write(w);
    return w.toByteArray();
  }

  public static ThresholdEvaluator restore(ThresholdRule rule, byte[] state) {
    ThresholdEvaluator e = new ThresholdEvaluator(rule);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    e.alert.restore(AlertStateMachine.State.read(r));
    e.window.read(r);
    r.end();
    return e;
  }
}
