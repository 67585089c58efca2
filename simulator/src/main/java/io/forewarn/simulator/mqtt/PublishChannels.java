package io.forewarn.simulator.mqtt;

/**
 * A set of MQTT connections a load publishes through, one publishing thread per connection. Two
 * implementations: {@link MqttConnections} (Eclipse Paho, MQTT 5) and {@link LeanConnections} (a
 * minimal MQTT 3.1.1 writer that spends far less CPU, for benchmarks on a shared machine).
 */
public interface PublishChannels extends AutoCloseable {

  int size();

  /** Whether connection {@code c} may take another QoS 1 message now. */
  boolean hasRoom(int c);

  /** Publishes at QoS 1 if connection {@code c} has room; false (nothing sent) when it is full. */
  boolean tryPublish(int c, String topic, byte[] payload);

  /** Pushes what connection {@code c} has buffered onto the wire. */
  default void flush(int c) {}

  /** Messages awaiting their PUBACK, over all connections. */
  int inFlight();

  PublishCounters counters();

  @Override
  void close();
}
