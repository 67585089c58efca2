package io.forewarn.gateway.store;

/** What the store needs to know besides its connections. */
public record StoreSettings(
    String gatewayName, UnknownDevicePolicy unknownDevices, int metricCatalogueMax, int rejectPayloadBytes) {

  public StoreSettings {
    if (gatewayName == null || gatewayName.isBlank()) {
      throw new IllegalArgumentException("gateway name is required");
    }
    if (metricCatalogueMax < 1 || metricCatalogueMax > Short.MAX_VALUE) {
      throw new IllegalArgumentException("metric catalogue max must be in [1, 32767]");
    }
    if (rejectPayloadBytes < 0) {
      throw new IllegalArgumentException("reject payload bytes must be >= 0");
    }
  }
}
