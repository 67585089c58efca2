package io.forewarn.simulator.fleet;

import java.time.Duration;
import java.time.LocalDate;

/**
 * A simulated device. Its physical traits and its noise are drawn from {@code traitSeed} and
 * {@code noiseSeed}, so the same seed gives the same device in every mode.
 *
 * @param phaseMillis where in each reporting interval this device reports (spreads the fleet's load)
 */
public record Device(int index, String externalId, int customerIndex, String customerExternalId, ProductModel model,
    String firmware, Region region, String site, LocalDate installedAt, Duration interval, long phaseMillis,
    long traitSeed, long noiseSeed) {
  public Device {
    if (externalId == null || !externalId.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")) {
      throw new IllegalArgumentException("invalid device id: " + externalId);
    }
    if (interval == null || interval.toMillis() < 1000) {
      throw new IllegalArgumentException("reporting interval must be >= 1s");
    }
    if (phaseMillis < 0 || phaseMillis >= interval.toMillis()) {
      throw new IllegalArgumentException("phase must lie within the interval");
    }
  }
}
