package io.forewarn.rules.engine;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What the engine knows about a device: who owns it, which cohorts it belongs to, and the time zone its
 * daily pattern follows (the customer's; UTC when unknown).
 */
public record DeviceInfo(int id, String externalId, Long customerId, String model, String firmware, String region,
    String site, ZoneId zone) {
  public DeviceInfo {
    if (externalId == null || model == null) {
      throw new IllegalArgumentException("externalId and model are required");
    }
    if (zone == null) {
      zone = ZoneOffset.UTC;
    }
  }

  public DeviceInfo(int id, String externalId, Long customerId, String model, String firmware, String region,
      String site) {
    this(id, externalId, customerId, model, firmware, region, site, ZoneOffset.UTC);
  }

  /** The zone named in the registry, UTC when it is missing or not a zone id. */
  public static ZoneId zoneOrUtc(String name) {
    if (name == null || name.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(name);
    } catch (java.time.DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
