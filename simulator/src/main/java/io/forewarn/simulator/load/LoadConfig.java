package io.forewarn.simulator.load;

import io.forewarn.simulator.mqtt.MqttLogin;
import java.time.Duration;
import java.util.List;

/**
 * An open-loop MQTT load.
 *
 * @param mqttUri broker, e.g. {@code tcp://127.0.0.1:1883}
 * @param steps rates to hold one after the other
 * @param connections MQTT connections; devices are split evenly over them
 * @param maxInFlight QoS 1 messages awaiting PUBACK per connection (capped by the broker's Receive Maximum)
 * @param devices distinct device ids ({@code <devicePrefix>-000000} ...)
 * @param metricsPerMessage metrics in each message
 * @param drainTimeout how long after a step to wait for its outstanding PUBACKs
 * @param client the MQTT client that publishes
 * @param login the broker account to publish as (the provisioned {@code load} account), or null: anonymous
 */
public record LoadConfig(String mqttUri, List<RateStep> steps, int connections, int maxInFlight, int devices,
    String devicePrefix, int metricsPerMessage, Duration drainTimeout, LoadClient client, MqttLogin login) {
  public static final int DEFAULT_CONNECTIONS = 4;
  public static final int DEFAULT_MAX_IN_FLIGHT = 1000;
  public static final int DEFAULT_DEVICES = 10_000;
  public static final int DEFAULT_METRICS = 10;
  public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(15);

  public LoadConfig {
    if (mqttUri == null || mqttUri.isBlank()) {
      throw new IllegalArgumentException("mqttUri is required");
    }
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("at least one rate step is needed");
    }
    if (connections < 1 || connections > 64 || maxInFlight < 1 || maxInFlight > 65_535) {
      throw new IllegalArgumentException("connections must be 1..64 and maxInFlight 1..65535");
    }
    if (devices < connections || devices > 1_000_000) {
      throw new IllegalArgumentException("devices must be between connections and 1000000");
    }
    if (devicePrefix == null || !devicePrefix.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,50}")) {
      throw new IllegalArgumentException("devicePrefix must be a valid device id start: " + devicePrefix);
    }
    if (client == null) {
      throw new IllegalArgumentException("client is required");
    }
    if (metricsPerMessage < 1 || metricsPerMessage > 200) {
      throw new IllegalArgumentException("metricsPerMessage must be 1..200");
    }
  }

  /** An anonymous load (brokers without authentication, like the benchmarks' own). */
  public LoadConfig(String mqttUri, List<RateStep> steps, int connections, int maxInFlight, int devices,
      String devicePrefix, int metricsPerMessage, Duration drainTimeout, LoadClient client) {
    this(mqttUri, steps, connections, maxInFlight, devices, devicePrefix, metricsPerMessage, drainTimeout, client,
        null);
  }

  /** A config with the defaults for everything but the broker and the steps. */
  public static LoadConfig of(String mqttUri, List<RateStep> steps) {
    return new LoadConfig(mqttUri, steps, DEFAULT_CONNECTIONS, DEFAULT_MAX_IN_FLIGHT, DEFAULT_DEVICES, "load",
        DEFAULT_METRICS, DEFAULT_DRAIN, LoadClient.PAHO);
  }
}
