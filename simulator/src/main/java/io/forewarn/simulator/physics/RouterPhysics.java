package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Rng;

/**
 * Home router / CPE. Latency, loss and SoC temperature follow internet use through the day; signal
 * is steady around a per-device level. Signal degradation drags RSSI and SNR down past the limits
 * while loss and latency climb; the firmware cohort leaks memory: latency and temperature climb
 * until a reboot loop.
 */
final class RouterPhysics implements ModelPhysics {
  private static final int RSSI = 0;
  private static final int SNR = 1;
  private static final int LOSS = 2;
  private static final int LATENCY = 3;
  private static final int CPU = 4;
  private static final int REBOOTS = 5;
  private static final double NOISE_FLOOR_DBM = -95;
  private static final double HEALTHY_REBOOTS_PER_HOUR = 1.0 / (90 * 24);

  private final double rssiBase;
  private final double latencyBase;
  private final double lossBase;
  private final double cpuBase;
  private double reboots;
  private boolean burstDone;

  RouterPhysics(Rng traits, double daysInstalled) {
    this.rssiBase = traits.uniform(-70, -45);
    this.latencyBase = traits.uniform(12, 45);
    this.lossBase = traits.uniform(0.05, 0.4);
    this.cpuBase = traits.uniform(48, 60);
    this.reboots = Math.floor(daysInstalled * traits.uniform(0.005, 0.03));
  }

  @Override
  public void fill(SampleContext c, FaultShape f, double[] out) {
    double u = c.usage();
    double signal = f.is(FaultKind.SIGNAL_DEGRADATION) ? f.degradation() : 0;
    double leak = f.is(FaultKind.FIRMWARE_COHORT) ? f.degradation() : 0;
    double rssiMean = rssiBase + (-89 - rssiBase) * Math.pow(signal, 1.5);
    boolean deadRadio = f.is(FaultKind.SUDDEN_FAILURE) && f.failed();

    out[RSSI] = deadRadio ? -100 : rssiMean + c.noise(1.0) - (c.glitch() ? 5 : 0);
    // SNR follows the mean signal, not each noisy reading: a one-off RSSI dip is not a bad link.
    out[SNR] = deadRadio ? 0 : rssiMean - NOISE_FLOOR_DBM - 2 * u + c.noise(0.8);
    out[LOSS] = lossBase * (1 + 2 * u) + Math.abs(c.noise(0.1)) + 5.5 * signal * signal;
    double latencyMean = latencyBase * (1 + 0.8 * u) + 120 * signal * signal;
    latencyMean += (262 - latencyMean) * leak * leak;
    out[LATENCY] = latencyMean + Math.abs(c.noise(4)) + (c.glitch() ? 60 : 0);
    out[CPU] = cpuBase + 6 * u + 15 * leak + c.noise(1.0);

    double rebootRate = HEALTHY_REBOOTS_PER_HOUR;
    if (f.is(FaultKind.FIRMWARE_COHORT) && f.failed()) {
      rebootRate = 1.5;
      if (!burstDone) {
        reboots += 3;
        burstDone = true;
      }
    }
    reboots += c.rng().poisson(rebootRate * c.hours());
    out[REBOOTS] = reboots;
  }

  /** A device that lost power reboots when it comes back. */
  @Override
  public void powerCycled() {
    reboots++;
  }
}
