package io.forewarn.gateway.store;

/** What happens to telemetry from a device id the registry does not know. */
public enum UnknownDevicePolicy {
  /** Register it (registered_by = 'auto') and store its data: easiest for pilots. */
  AUTO_REGISTER,
  /** Reject its messages with reason unknown_device: for fleets provisioned up front. */
  REJECT
}
