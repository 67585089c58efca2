package io.forewarn.simulator.physics;

import io.forewarn.simulator.fleet.Region;
import io.forewarn.simulator.fleet.Rng;

/**
 * Outdoor temperature of a region: a yearly cycle (coldest mid-January), a daily cycle (coldest
 * around 04:00 local time) and slow weather swings of a few days, all smooth functions of time so
 * every device of a region sees the same weather.
 */
final class Weather {
  private static final double DAY_MS = 86_400_000.0;
  private static final double YEAR_DAYS = 365.2425;

  private Weather() {}

  static double outdoorTempC(Region region, long epochMillis, double localHour) {
    double days = epochMillis / DAY_MS;
    double seasonal = -region.seasonalAmplitudeC() * Math.cos(2 * Math.PI * (days % YEAR_DAYS - 15) / YEAR_DAYS);
    double daily = -region.dailyAmplitudeC() * Math.cos(2 * Math.PI * (localHour - 4) / 24);
    long key = Rng.key(region.name());
    double phase1 = (key & 0xFFFF) / 65536.0 * 2 * Math.PI;
    double phase2 = ((key >>> 16) & 0xFFFF) / 65536.0 * 2 * Math.PI;
    double swings = 3.0 * Math.sin(2 * Math.PI * days / 5.3 + phase1)
        + 2.0 * Math.sin(2 * Math.PI * days / 11.7 + phase2);
    return region.meanTempC() + seasonal + daily + swings;
  }
}
