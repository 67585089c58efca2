package io.forewarn.simulator.physics;

import io.forewarn.simulator.fleet.Device;

/**
 * What one device did at one reporting slot. {@code values} follow the model's metric order and
 * are already rounded to the device's precision; they are {@code null} unless {@link #reported()}.
 * A metric the device left out of this report (a boiler's flame signal while the burner did not
 * fire) is {@code NaN}: payloads and history rows omit it.
 */
public record Reading(Device device, long epochMillis, Presence presence, double[] values) {
  public enum Presence {
    /** The device sent this sample. */
    REPORTED,
    /** A harmless glitch: the device skipped this one report. */
    SKIPPED,
    /** The device is without power or its region is down. */
    SILENT
  }

  @Override
  public String toString() {
    return device.externalId() + "@" + java.time.Instant.ofEpochMilli(epochMillis) + " " + presence
        + (values == null ? "" : " " + java.util.Arrays.toString(values));
  }

  public boolean reported() {
    return presence == Presence.REPORTED;
  }
}
