package io.forewarn.rules.detection.drift;

import io.forewarn.rules.detection.AlertPhase;
import io.forewarn.rules.detection.AlertStateMachine;
import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;

/**
 * Learns a device's baseline (mean and sigma) and accumulates standardised deviations from it in both
 * directions (CUSUM). The baseline keeps adapting slowly, but only while nothing is building up: a drift
 * must not become the new normal while it is being reported.
 */
public final class BaselineDriftDetector {
  static final int STATE_KIND = 0x44524654; // "DRFT"
  static final int STATE_VERSION = 1;

  private final DriftRule rule;
  private final AlertStateMachine alert;
  private long samples;
  private double mean;
  private double variance;
  private double upward;
  private double downward;

  public BaselineDriftDetector(DriftRule rule) {
    this.rule = rule;
    this.alert = new AlertStateMachine(rule.forDuration(), rule.clearDuration());
  }

  public DriftResult update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    samples++;
    if (samples <= rule.learningSamples()) {
      // Welford while learning: every early sample weighs the same.
      double d = value - mean;
      mean += d / samples;
      variance += (d * (value - mean) - variance) / samples;
      return new DriftResult(alert.step(epochMillis, Condition.HOLDING), 0, 0, mean, sigma());
    }
    double z = (value - mean) / sigma();
    upward = Math.max(0.0, upward + z - rule.allowance());
    downward = Math.max(0.0, downward - z - rule.allowance());
    double evidence = Math.max(upward, downward);
    Condition c = evidence >= rule.decision() ? Condition.BREACHING
        : evidence < rule.clearBelow() ? Condition.CLEAR : Condition.HOLDING;
    var step = alert.step(epochMillis, c);
    if (step.phase() == AlertPhase.INACTIVE && evidence < rule.clearBelow()) {
      double d = value - mean;
      mean += rule.baselineAlpha() * d;
      variance = (1 - rule.baselineAlpha()) * (variance + rule.baselineAlpha() * d * d);
    }
    return new DriftResult(step, upward, downward, mean, sigma());
  }

  private double sigma() {
    return Math.max(Math.sqrt(Math.max(variance, 0.0)), rule.minSigma());
  }

  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    alert.snapshot().write(w);
    w.putLong(samples).putDouble(mean).putDouble(variance).putDouble(upward).putDouble(downward);
    return w.toByteArray();
  }

  public static BaselineDriftDetector restore(DriftRule rule, byte[] state) {
    BaselineDriftDetector d = new BaselineDriftDetector(rule);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    d.alert.restore(AlertStateMachine.State.read(r));
    d.samples = r.getLong();
    d.mean = r.getDouble();
    d.variance = r.getDouble();
    d.upward = r.getDouble();
    d.downward = r.getDouble();
    r.end();
    return d;
  }
}
