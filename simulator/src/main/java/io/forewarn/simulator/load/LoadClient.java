package io.forewarn.simulator.load;

/** Which MQTT client publishes the load. */
public enum LoadClient {
  /** Eclipse Paho, MQTT 5: what a device fleet would use. */
  PAHO,
  /** A minimal MQTT 3.1.1 writer: ~4x less CPU per message, for benchmarks that share the machine. */
  LEAN
}
