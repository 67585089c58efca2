package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Rng;

/**
 * Air-source heat pump. Load follows heating demand; COP falls in cold weather (never below 72 %
 * of the device's rated COP). Fan wear slows the fan and lets the discharge temperature climb to
 * 92 °C at the failure time (limit 90), after which the unit runs derated at 95 °C. Refrigerant loss fades
 * COP linearly to 1.6 (limit 1.8) while input power rises. Error storms grow until a burst of 20.
 */
final class HeatPumpPhysics implements ModelPhysics {
  private static final int POWER = 0;
  private static final int TEMP = 1;
  private static final int FAN = 2;
  private static final int ERRORS = 3;
  private static final int COP = 4;
  private static final double HEALTHY_ERRORS_PER_HOUR = 0.002;

  private final double copBase;
  private final double fanNominal;
  private final double tempBase;
  private final double ratedKw;
  private double errors;
  private boolean burstDone;

  HeatPumpPhysics(Rng traits, double daysInstalled) {
    this.copBase = traits.uniform(3.2, 4.2);
    this.fanNominal = traits.uniform(650, 850);
    this.tempBase = traits.uniform(50, 62);
    this.ratedKw = traits.uniform(1.5, 3.5);
    this.errors = Math.floor(daysInstalled * traits.uniform(0.01, 0.05));
  }

  @Override
  public void fill(SampleContext c, FaultShape f, double[] out) {
    if (f.is(FaultKind.SUDDEN_FAILURE) && f.failed()) {
      compressorDead(c, out);
      return;
    }
    double load = Math.max(0.15, c.heatingDemand());
    double copMean = copBase * Math.max(0.72, 1 - 0.012 * Math.max(0, 7 - c.outdoorTempC()));
    double fanMean = fanNominal * (0.7 + 0.3 * load);
    double tempMean = tempBase + 15 * load;
    double fanNoise = 10;
    double fade = f.is(FaultKind.CAPACITY_FADE) ? f.degradation() : 0;
    copMean -= (copMean - 1.6) * fade;
    tempMean += 8 * fade;
    if (f.is(FaultKind.FAN_WEAR)) {
      double wear = Math.pow(f.degradation(), 1.5);
      fanMean *= f.failed() ? 0.5 : 1 - 0.35 * wear;
      tempMean = f.failed() ? 95 : tempMean + (92 - tempMean) * wear;
      fanNoise *= 1 + 2 * wear;
      copMean *= f.failed() ? 0.6 : 1;
    }
    out[POWER] = ratedKw * (0.2 + 0.8 * load) * (1 + 0.4 * fade) + c.noise(0.05);
    out[TEMP] = tempMean + c.noise(1.0);
    out[FAN] = fanMean + c.noise(fanNoise) - (c.glitch() ? 60 : 0);
    out[COP] = copMean + c.noise(0.05);

    boolean storm = f.is(FaultKind.RISING_ERROR_RATE) || f.is(FaultKind.FIRMWARE_COHORT);
    double rate = HEALTHY_ERRORS_PER_HOUR;
    if (storm) {
      double d = f.degradation();
      rate += f.failed() ? 6 : 12 * d * d;
      if (f.failed() && !burstDone) {
        errors += 20;
        burstDone = true;
      }
    }
    errors += c.rng().poisson(rate * c.hours());
    out[ERRORS] = errors;
  }

  private void compressorDead(SampleContext c, double[] out) {
    if (!burstDone) {
      errors += 5;
      burstDone = true;
    }
    errors += c.rng().poisson(2 * c.hours());
    out[POWER] = 0.05 + Math.abs(c.noise(0.01));
    out[TEMP] = c.outdoorTempC() + 5 + c.noise(1.0);
    out[FAN] = 0;
    out[ERRORS] = errors;
    out[COP] = 0;
  }
}
