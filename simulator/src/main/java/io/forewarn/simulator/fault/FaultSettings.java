package io.forewarn.simulator.fault;

/**
 * How much trouble to inject.
 *
 * @param faultFraction share of devices that get an individual fault (degradation, sudden, power loss)
 * @param noisyFraction share of devices that are healthy but noisy
 * @param regionOutages how many region-wide outages in the window
 * @param firmwareCohort whether one firmware cohort degrades together
 */
public record FaultSettings(double faultFraction, double noisyFraction, int regionOutages, boolean firmwareCohort) {
  public static final FaultSettings DEFAULTS = new FaultSettings(0.05, 0.03, 1, true);
  public static final FaultSettings NONE = new FaultSettings(0, 0, 0, false);

  public FaultSettings {
    if (faultFraction < 0 || noisyFraction < 0 || faultFraction + noisyFraction > 1) {
      throw new IllegalArgumentException("fractions must be >= 0 and add up to at most 1");
    }
    if (regionOutages < 0) {
      throw new IllegalArgumentException("regionOutages must be >= 0");
    }
  }
}
