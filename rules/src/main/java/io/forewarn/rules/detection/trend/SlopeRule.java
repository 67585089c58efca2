package io.forewarn.rules.detection.trend;

import io.forewarn.rules.detection.Direction;
import java.time.Duration;

/**
 * A limit on the rate of change: least-squares slope over a window, in units per hour.
 *
 * @param direction      ABOVE: rising faster than {@code triggerPerHour} is bad; BELOW: falling faster
 *                       (a negative {@code triggerPerHour}) is bad
 * @param triggerPerHour slope that breaches
 * @param clearPerHour   slope on the good side of the trigger that clears a firing alert (hysteresis)
 * @param window         span the slope is fitted over
 * @param minCoverage    the slope is judged only once the window covers this much data time
 * @param forDuration    how long the breach must last before firing
 * @param clearDuration  how long the slope must stay past the clear level before clearing
 * @param maxSamples     bound on the samples the window holds
 */
public record SlopeRule(
    Direction direction,
    double triggerPerHour,
    double clearPerHour,
    Duration window,
    Duration minCoverage,
    Duration forDuration,
    Duration clearDuration,
    int maxSamples) {

  public SlopeRule {
    if (direction == null || window == null || minCoverage == null || forDuration == null || clearDuration == null) {
      throw new IllegalArgumentException("direction and durations are required");
    }
    if (!Double.isFinite(triggerPerHour) || !Double.isFinite(clearPerHour)) {
      throw new IllegalArgumentException("slopes must be finite");
    }
    if (direction.isBackInside(triggerPerHour, clearPerHour)) {
      throw new IllegalArgumentException("clear slope must be on the good side of the trigger slope");
    }
    if (window.isZero() || window.isNegative() || minCoverage.isNegative() || minCoverage.compareTo(window) > 0
        || forDuration.isNegative() || clearDuration.isNegative()) {
      throw new IllegalArgumentException("window must be positive and cover minCoverage; durations not negative");
    }
    if (maxSamples < 2) {
      throw new IllegalArgumentException("maxSamples must be >= 2");
    }
  }
}
