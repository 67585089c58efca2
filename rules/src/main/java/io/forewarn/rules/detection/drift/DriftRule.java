package io.forewarn.rules.detection.drift;

import java.time.Duration;

/**
 * Drift from the device's own baseline, by a two-sided CUSUM on values standardised with that baseline.
 *
 * @param learningSamples  samples that form the first baseline; nothing fires before
 * @param baselineAlpha    EWMA weight of a new sample in the baseline while nothing drifts (slow: 0.001-0.01)
 * @param allowance        k, in baseline sigmas: deviations smaller than this never accumulate
 * @param decision         h: the CUSUM fires at this many sigmas of accumulated deviation
 * @param clearBelow       a firing alert clears once the CUSUM falls below this (hysteresis, < decision)
 * @param minSigma         floor of the baseline sigma, in the metric's units (a flat baseline is not infinitely sure)
 * @param forDuration      how long the CUSUM must stay past {@code decision} before firing
 * @param clearDuration    how long it must stay below {@code clearBelow} before clearing
 */
public record DriftRule(
    int learningSamples,
    double baselineAlpha,
    double allowance,
    double decision,
    double clearBelow,
    double minSigma,
    Duration forDuration,
    Duration clearDuration) {

  public DriftRule {
    if (learningSamples < 2) {
      throw new IllegalArgumentException("learningSamples must be >= 2");
    }
    if (!(baselineAlpha > 0 && baselineAlpha < 1)) {
      throw new IllegalArgumentException("baselineAlpha must be in (0, 1)");
    }
    if (!(allowance >= 0) || !(decision > 0) || !(clearBelow >= 0 && clearBelow < decision)) {
      throw new IllegalArgumentException("need allowance >= 0, decision > 0 and 0 <= clearBelow < decision");
    }
    if (!(minSigma > 0)) {
      throw new IllegalArgumentException("minSigma must be > 0");
    }
    if (forDuration == null || clearDuration == null || forDuration.isNegative() || clearDuration.isNegative()) {
      throw new IllegalArgumentException("durations are required and must not be negative");
    }
  }

  /**
   * CUSUM with k = 0.5 sigma (tuned to a 1-sigma shift, found in about 20 samples) and h = 10 sigma: the
   * textbook h = 5 raises a false alarm every few hundred samples per side, far too often for a device
   * that reports every minute.
   */
  public static DriftRule standard(double minSigma) {
    return new DriftRule(50, 0.005, 0.5, 10.0, 2.0, minSigma, Duration.ZERO, Duration.ZERO);
  }
}
