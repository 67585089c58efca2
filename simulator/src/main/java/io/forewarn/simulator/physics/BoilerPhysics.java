package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.FailureLimits;
import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Rng;

/**
 * Gas boiler. The burner fires for space heating (colder outside, more firing; setback at night)
 * and hot-water draws in the morning and evening; flow and return temperatures and, through
 * thermal expansion, pressure follow the firing. A leak takes pressure down linearly to 0.6 bar
 * at the failure time (limit 0.7): the boiler locks out.
 *
 * <p>Flame signal: the burner control measures the flame's ionisation current through the ignition
 * electrode while a flame burns and declares the flame lost below {@link FailureLimits#FLAME_LOCKOUT_UA}.
 * The boiler reports the mean current over the time its burner fired since the previous report, and
 * leaves the metric out of a report when the burner did not fire (no flame is not a weak flame). A
 * healthy device has its own level (4-8 µA at full load, about 20 % less at minimum modulation), a
 * slow day-to-day wander of the supply (about 2 %) and 0.15 µA of measurement noise. Ignition wear
 * (a worn or sooted electrode, or firmware with a wrong start gas rate) lowers it steadily from onset
 * to the lockout level at the failure time; ignitions start failing only near the end (0.6·d³ per
 * hour) and the lockout burst of three ends it.
 */
final class BoilerPhysics implements ModelPhysics {
  private static final int FLOW = 0;
  private static final int RETURN = 1;
  private static final int PRESSURE = 2;
  private static final int STARTS = 3;
  private static final int FLAME_FAILURES = 4;
  private static final int FLAME_SIGNAL = 5;
  private static final double IDLE_FLOW_C = 24;
  private static final double HEALTHY_FLAME_FAILURES_PER_HOUR = 0.0005;
  /** Below this the burner cannot modulate down and cycles on and off at this load. */
  private static final double MIN_MODULATION = 0.2;
  private static final double FLAME_NOISE_UA = 0.15;
  private static final double SUPPLY_WANDER = 0.02;
  private static final long DAY_MS = 86_400_000L;

  private final double pressureBase;
  private final double setpoint;
  private final double cyclesPerHour;
  private final double flameSignalUa;
  private final long supplySeed;
  private double starts;
  private double flameFailures;
  private boolean burstDone;

  BoilerPhysics(Rng traits, double daysInstalled) {
    this.pressureBase = traits.uniform(1.2, 1.7);
    this.setpoint = traits.uniform(60, 72);
    this.cyclesPerHour = traits.uniform(1.5, 3.5);
    this.starts = Math.floor(daysInstalled * traits.uniform(15, 30));
    this.flameFailures = Math.floor(daysInstalled * traits.uniform(0.002, 0.01));
    this.flameSignalUa = traits.uniform(4, 8);
    this.supplySeed = traits.nextLong();
  }

  @Override
  public void fill(SampleContext c, FaultShape f, double[] out) {
    boolean ignitionWear = f.is(FaultKind.RISING_ERROR_RATE) || f.is(FaultKind.FIRMWARE_COHORT);
    boolean lockout = f.failed() && (ignitionWear || f.is(FaultKind.PRESSURE_LEAK) || f.is(FaultKind.SUDDEN_FAILURE));
    double firing = lockout ? 0 : SampleContext.clamp(c.heatingDemand() + 0.6 * c.hotWaterDemand(), 0, 1);

    double flow = IDLE_FLOW_C + (setpoint - IDLE_FLOW_C) * Math.sqrt(firing) + c.noise(1.0) + (c.glitch() ? 4 : 0);
    out[FLOW] = flow;
    out[RETURN] = flow - (4 + 12 * firing) + c.noise(0.8);
    double leak = 0;
    if (f.is(FaultKind.PRESSURE_LEAK)) {
      leak = (pressureBase - 0.6) * f.degradation() + Math.min(0.3, 0.05 * Math.max(0, f.progress() - 1));
    }
    double thermal = 0.25 * Math.max(0, flow - IDLE_FLOW_C) / 48;
    out[PRESSURE] = pressureBase - leak + thermal + c.noise(0.03);

    double failureRate = HEALTHY_FLAME_FAILURES_PER_HOUR;
    if (ignitionWear && !f.failed()) {
      double d = f.degradation();
      failureRate += 0.6 * d * d * d;
    }
    if (f.failed() && (ignitionWear || f.is(FaultKind.SUDDEN_FAILURE)) && !burstDone) {
      flameFailures += 3;
      burstDone = true;
    }
    flameFailures += c.rng().poisson(failureRate * c.hours() * (lockout ? 0 : 1));
    // Failed ignitions are retried, so ignition wear also shows as extra burner starts.
    int newStarts = c.rng().poisson((cyclesPerHour * firing + failureRate) * c.hours());
    starts += newStarts;
    out[STARTS] = starts;
    out[FLAME_FAILURES] = flameFailures;
    boolean fired = firing >= MIN_MODULATION || firing > 0 && newStarts > 0;
    out[FLAME_SIGNAL] = fired ? flameSignal(c, f, ignitionWear, Math.max(MIN_MODULATION, firing)) : Double.NaN;
  }

  /** Mean ionisation current while the burner fired at {@code modulation} (0.2 to 1 of full load). */
  private double flameSignal(SampleContext c, FaultShape f, boolean ignitionWear, double modulation) {
    double healthy = flameSignalUa * (0.75 + 0.25 * modulation) * supply(c.epochMillis());
    double lockout = FailureLimits.FLAME_LOCKOUT_UA;
    double mean = ignitionWear ? lockout + (healthy - lockout) * (1 - f.degradation()) : healthy;
    return mean + c.noise(FLAME_NOISE_UA);
  }

  /** Gas quality and combustion air vary a little from day to day; interpolated so there is no step at midnight. */
  private double supply(long epochMillis) {
    long day = Math.floorDiv(epochMillis, DAY_MS);
    double share = Math.floorMod(epochMillis, DAY_MS) / (double) DAY_MS;
    double today = new Rng(Rng.mix(supplySeed, day)).gaussian();
    double tomorrow = new Rng(Rng.mix(supplySeed, day + 1)).gaussian();
    return 1 + SUPPLY_WANDER * (today + (tomorrow - today) * share);
  }
}
