package io.forewarn.rules.engine;

/** What the engine knows about a device: who owns it and which cohorts it belongs to. */
public record DeviceInfo(int id, String externalId, Long customerId, String model, String firmware, String region,
    String site) {
  public DeviceInfo {
    if (externalId == null || model == null) {
      throw new IllegalArgumentException("externalId and model are required");
    }
  }
}
