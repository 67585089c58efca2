package io.forewarn.bench;

import java.nio.file.Path;
import java.util.List;

/** One system of the peer benchmark: consumes devices/+/telemetry from the broker into the telemetry hypertable. */
interface PeerSystem extends AutoCloseable {
  String name();

  /** When the system sends its PUBACK relative to its database write, and what a crash would lose. */
  String acknowledges();

  /** Starts the system against a fresh broker and database; returns when it is subscribed. */
  void start(String mqttUri, String jdbcUrl, Path work) throws Exception;

  /** Its processes, for CPU and RSS. */
  List<Long> pids();

  /** Maps a load device id ({@code bench-000042}) to the telemetry.device_id this system writes. */
  default int deviceId(String jdbcUrl, String externalId) throws Exception {
    return Integer.parseInt(externalId.substring(externalId.lastIndexOf('-') + 1));
  }

  @Override
  void close() throws Exception;
}
