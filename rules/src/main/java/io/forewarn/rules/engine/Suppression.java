package io.forewarn.rules.engine;

import java.time.Instant;

/** A maintenance window or silence over a scope (device id, region, site, model or firmware). */
public record Suppression(long id, String scopeType, String scopeValue, Instant startsAt, Instant endsAt) {
  public Suppression {
    if (scopeType == null || scopeValue == null || startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("suppression needs a scope and starts_at < ends_at");
    }
  }

  boolean covers(DeviceInfo d, Instant at) {
    if (at.isBefore(startsAt) || !at.isBefore(endsAt)) {
      return false;
    }
    String value = switch (scopeType) {
      case "device" -> String.valueOf(d.id());
      case "region" -> d.region();
      case "site" -> d.site();
      case "model" -> d.model();
      case "firmware" -> d.model() + "@" + d.firmware();
      default -> null;
    };
    return scopeValue.equals(value);
  }
}
