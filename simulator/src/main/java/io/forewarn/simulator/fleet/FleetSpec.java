package io.forewarn.simulator.fleet;

import java.time.Duration;

/**
 * What fleet to generate.
 *
 * @param seed the run seed; ids embed it, so fleets of different seeds never collide in the database
 * @param devices 1 to 100 000
 * @param interval reporting interval for every device, or {@code null} for each model's default
 */
public record FleetSpec(long seed, int devices, Duration interval) {
  public static final int MAX_DEVICES = 100_000;

  public FleetSpec {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be >= 0");
    }
    if (devices < 1 || devices > MAX_DEVICES) {
      throw new IllegalArgumentException("devices must be 1.." + MAX_DEVICES + ": " + devices);
    }
    if (interval != null && interval.toMillis() < 1000) {
      throw new IllegalArgumentException("interval must be >= 1s");
    }
  }
}
