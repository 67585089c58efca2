package io.forewarn.simulator.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a command gets from the outside: where to print, the environment variables, the clock, and
 * the stop flag the Ctrl-C hook sets.
 */
record Env(PrintStream out, Map<String, String> variables, Clock clock, AtomicBoolean stop) {
  static final String DEFAULT_DB_URL = "postgresql://forewarn@127.0.0.1:5432/forewarn";
  static final String DEFAULT_MQTT_URI = "tcp://127.0.0.1:1883";

  String dbUrl(CliOptions o) {
    if (o.flag("no-db")) {
      return null;
    }
    return o.string("db-url", variables.getOrDefault("FOREWARN_DB_URL", DEFAULT_DB_URL));
  }

  String mqttUri(CliOptions o) {
    return o.string("mqtt-uri", variables.getOrDefault("FOREWARN_MQTT_URI", DEFAULT_MQTT_URI));
  }

  /** The credential key file ({@code --mqtt-key-file}, else FOREWARN_MQTT_KEY_FILE), or null: log in as nobody. */
  Path mqttKeyFile(CliOptions o) {
    String file = o.string("mqtt-key-file", variables.get("FOREWARN_MQTT_KEY_FILE"));
    return file == null || file.isBlank() ? null : Path.of(file);
  }
}
