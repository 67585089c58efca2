package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Rng;

/**
 * Gas boiler. The burner fires for space heating (colder outside, more firing; setback at night)
 * and hot-water draws in the morning and evening; flow and return temperatures and, through
 * thermal expansion, pressure follow the firing. A leak takes pressure down linearly to 0.6 bar
 * at the failure time (limit 0.7): the boiler locks out. Ignition wear makes flame failures ever
 * more frequent until the lockout burst of three.
 */
final class BoilerPhysics implements ModelPhysics {
  private static final int FLOW = 0;
  private static final int RETURN = 1;
  private static final int PRESSURE = 2;
  private static final int STARTS = 3;
  private static final int FLAME_FAILURES = 4;
  private static final double IDLE_FLOW_C = 24;
  private static final double HEALTHY_FLAME_FAILURES_PER_HOUR = 0.0005;

  private final double pressureBase;
  private final double setpoint;
  private final double cyclesPerHour;
  private double starts;
  private double flameFailures;
  private boolean burstDone;

  BoilerPhysics(Rng traits, double daysInstalled) {
    this.pressureBase = traits.uniform(1.2, 1.7);
    this.setpoint = traits.uniform(60, 72);
    this.cyclesPerHour = traits.uniform(1.5, 3.5);
    this.starts = Math.floor(daysInstalled * traits.uniform(15, 30));
    this.flameFailures = Math.floor(daysInstalled * traits.uniform(0.002, 0.01));
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
    starts += c.rng().poisson((cyclesPerHour * firing + failureRate) * c.hours());
    out[STARTS] = starts;
    out[FLAME_FAILURES] = flameFailures;
  }
}
