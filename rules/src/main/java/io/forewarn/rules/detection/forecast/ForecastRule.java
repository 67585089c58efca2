package io.forewarn.rules.detection.forecast;

import io.forewarn.rules.detection.Direction;
import java.time.Duration;

/**
 * Warn before a metric reaches its limit: a robust trend over the recent window is extrapolated to the limit.
 *
 * @param direction     ABOVE: the metric rises towards the limit; BELOW: it falls towards it
 * @param limit         the value that must not be reached
 * @param horizon       fire when the crossing is expected, with confidence, within this time
 * @param clearHorizon  clear once even the earliest plausible crossing is further away than this (>= horizon)
 * @param window        span of data the trend is fitted on
 * @param minCoverage   no forecast before the window covers this much data time
 * @param maxSamples    bound on the samples fitted (Theil–Sen is O(samples) per update here)
 * @param confidenceZ   width of the confidence bounds in standard normal units (1.64: 90% two-sided)
 * @param forDuration   how long the forecast must stay inside the horizon before firing
 * @param clearDuration how long it must stay outside the clear horizon before clearing
 */
public record ForecastRule(
    Direction direction,
    double limit,
    Duration horizon,
    Duration clearHorizon,
    Duration window,
    Duration minCoverage,
    int maxSamples,
    double confidenceZ,
    Duration forDuration,
    Duration clearDuration) {

  public ForecastRule {
    if (direction == null || horizon == null || clearHorizon == null || window == null || minCoverage == null
        || forDuration == null || clearDuration == null) {
      throw new IllegalArgumentException("direction and durations are required");
    }
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException("limit must be finite");
    }
    if (horizon.isNegative() || horizon.isZero() || clearHorizon.compareTo(horizon) < 0) {
      throw new IllegalArgumentException("horizon must be positive and clearHorizon >= horizon");
    }
    if (window.isNegative() || window.isZero() || minCoverage.isNegative() || minCoverage.compareTo(window) > 0) {
      throw new IllegalArgumentException("window must be positive and cover minCoverage");
    }
    if (maxSamples < 4) {
      throw new IllegalArgumentException("maxSamples must be >= 4");
    }
    if (!(confidenceZ >= 0)) {
      throw new IllegalArgumentException("confidenceZ must be >= 0");
    }
    if (forDuration.isNegative() || clearDuration.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }
}
