package io.forewarn.rules.detection.threshold;

import io.forewarn.rules.detection.Direction;
import java.time.Duration;

/**
 * A limit with a {@code for} duration and hysteresis.
 *
 * @param direction       which side of the trigger level is bad
 * @param triggerLevel    the observed value breaches at or past this level
 * @param clearLevel      a firing alert clears only once the value is back past this level (the good side)
 * @param forDuration     how long the breach must last before the alert fires
 * @param clearDuration   how long the value must stay past the clear level before the alert clears
 * @param aggregation     raw value or mean/max/min over {@code window}
 * @param window          span of the aggregate (ignored for LAST, but must be positive)
 * @param maxSamples      bound on the samples the window holds
 */
public record ThresholdRule(
    Direction direction,
    double triggerLevel,
    double clearLevel,
    Duration forDuration,
    Duration clearDuration,
    Aggregation aggregation,
    Duration window,
    int maxSamples) {

  public ThresholdRule {
    if (direction == null || aggregation == null || forDuration == null || clearDuration == null || window == null) {
      throw new IllegalArgumentException("direction, aggregation and durations are required");
    }
    if (!Double.isFinite(triggerLevel) || !Double.isFinite(clearLevel)) {
      throw new IllegalArgumentException("levels must be finite");
    }
    if (direction.isBackInside(triggerLevel, clearLevel)) {
      throw new IllegalArgumentException("clear level " + clearLevel + " must be on the good side of " + triggerLevel);
    }
    if (forDuration.isNegative() || clearDuration.isNegative() || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("durations must not be negative and the window must be positive");
    }
    if (maxSamples < 2) {
      throw new IllegalArgumentException("maxSamples must be >= 2");
    }
  }

  /** A rule on raw values. */
  public static ThresholdRule onValue(Direction direction, double trigger, double clear, Duration forDuration) {
    return new ThresholdRule(direction, trigger, clear, forDuration, Duration.ZERO, Aggregation.LAST,
        Duration.ofSeconds(1), 2);
  }
}
