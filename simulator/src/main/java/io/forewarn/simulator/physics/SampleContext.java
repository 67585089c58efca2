package io.forewarn.simulator.physics;

import io.forewarn.simulator.fleet.Rng;

/**
 * Everything the model physics needs to know about one sample instant.
 *
 * @param localHour hour of day in the device's time zone, 0 to 24
 * @param weekend Saturday or Sunday locally
 * @param hours time since the previous sample, for counters
 * @param noise noise multiplier (1, or 3 for noisy-healthy devices)
 * @param glitch whether this sample carries a harmless one-off glitch
 * @param rng this sample's own random draws
 */
record SampleContext(long epochMillis, double localHour, boolean weekend, double outdoorTempC, double hours,
    double noise, boolean glitch, Rng rng) {

  /** Gaussian noise with standard deviation {@code sigma}, scaled for noisy devices, bounded at 3 sigma. */
  double noise(double sigma) {
    return rng.gaussian() * sigma * noise;
  }

  /** Internet use through the day: quiet at night, a morning bump, the evening peak, busier weekend days. */
  double usage() {
    double evening = 0.85 * Math.exp(-sq(localHour - 21) / (2 * sq(2.2)));
    double morning = 0.25 * Math.exp(-sq(localHour - 8) / (2 * sq(1.2)));
    double weekendDay = weekend && localHour > 10 && localHour < 18 ? 0.3 : 0;
    return Math.min(1, 0.12 + evening + morning + weekendDay);
  }

  /** Hot-water draws: showers in the morning, dishes and baths in the evening. */
  double hotWaterDemand() {
    double morning = Math.exp(-sq(localHour - (weekend ? 9 : 7)) / (2 * sq(0.8)));
    double evening = 0.7 * Math.exp(-sq(localHour - 20) / (2 * sq(1.2)));
    return Math.min(1, morning + evening);
  }

  /** Space-heating demand, 0 (warm) to 1 (bitter cold); the setback at night lowers it. */
  double heatingDemand() {
    double demand = (17 - outdoorTempC) / 27;
    boolean night = localHour < 5.5 || localHour > 23;
    return clamp(night ? demand * 0.7 : demand, 0, 1);
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double sq(double v) {
    return v * v;
  }
}
