package io.forewarn.rules.ruleset;

import java.time.Duration;

/**
 * When device incidents of one cohort become one service disruption.
 *
 * @param window       incidents opened within this span of each other count together
 * @param minDevices   at least this many devices of the cohort
 * @param minFraction  and at least this fraction of the cohort's devices
 * @param firmwareWindowFactor firmware cohorts degrade over days, not minutes: their window is this many times longer
 * @param resolveBelow the disruption resolves once fewer than this fraction of the cohort is still affected
 * @param cohort       the firmware-against-firmware comparison ({@code fleet.cohort}), or null when the file
 *                     declares none
 */
public record FleetSettings(Duration window, int minDevices, double minFraction, int firmwareWindowFactor,
    double resolveBelow, CohortSettings cohort) {
  public FleetSettings {
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("fleet window must be positive");
    }
    if (minDevices < 2) {
      throw new IllegalArgumentException("fleet min_devices must be >= 2");
    }
    if (firmwareWindowFactor < 1) {
      throw new IllegalArgumentException("fleet firmware_window_factor must be >= 1");
    }
    if (!(minFraction > 0 && minFraction <= 1) || !(resolveBelow > 0 && resolveBelow <= minFraction)) {
      throw new IllegalArgumentException("need 0 < resolve_below <= min_fraction <= 1");
    }
  }

  /** Without a cohort comparison. */
  public FleetSettings(Duration window, int minDevices, double minFraction, int firmwareWindowFactor,
      double resolveBelow) {
    this(window, minDevices, minFraction, firmwareWindowFactor, resolveBelow, null);
  }
}
