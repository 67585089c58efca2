package io.forewarn.bench;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a fault can act on: the gateway processes, the broker, the database and its cluster. */
final class FaultContext implements AutoCloseable {
  final TestDatabase db;
  final TestMosquitto broker;
  final Duration outage;
  private final Path jar;
  private final Path logs;
  private final List<Map<String, String>> envs = new ArrayList<>();
  private final List<GatewayProcess> gateways = new ArrayList<>();

  FaultContext(TestDatabase db, TestMosquitto broker, Path jar, Path logs, Duration outage) {
    this.db = db;
    this.broker = broker;
    this.jar = jar;
    this.logs = logs;
    this.outage = outage;
  }

  void startGateways(int count) throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      Map<String, String> env = new java.util.HashMap<>(Map.of("FOREWARN_DB_URL", db.jdbcUrl(),
          "FOREWARN_MQTT_URI", broker.uri(), "FOREWARN_MQTT_CLIENT_ID", "rel-gw-" + i + "-" + db.name(),
          "FOREWARN_LOG_LEVEL", "WARN", "FOREWARN_DB_MAX_BACKOFF", "2s"));
      if (count > 1) {
        env.put("FOREWARN_MQTT_SHARED_GROUP", "forewarn-gateway"); // several gateways split the load
      }
      envs.add(env);
      gateways.add(null);
      start(i);
    }
  }

  void kill(int i) throws InterruptedException {
    gateways.get(i).kill();
  }

  /** Starts gateway {@code i} with its original client id, so it finds its persistent session. */
  void start(int i) throws IOException, InterruptedException {
    GatewayProcess gw = new GatewayProcess(jar, envs.get(i), 19_200 + i, logs.resolve(db.name() + "-gw" + i + ".log"));
    gateways.set(i, gw);
    gw.awaitHealthy(Duration.ofSeconds(60));
  }

  /** Stops or starts the project's own PostgreSQL test cluster (never the machine's main one). */
  static void cluster(String action) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", TestMosquitto.projectFile("scripts/test-cluster.sh").toString(), action)
        .inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("test-cluster.sh " + action + " failed");
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (GatewayProcess gw : gateways) {
      if (gw != null) {
        gw.close();
      }
    }
  }
}
