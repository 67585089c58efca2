package io.forewarn.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Forewarn's gateway jar, one instance or several sharing the subscription ($share group). */
final class ForewarnPeer implements PeerSystem {
  private final Path jar;
  private final int instances;
  private final List<GatewayProcess> gateways = new ArrayList<>();

  ForewarnPeer(Path jar, int instances) {
    this.jar = jar;
    this.instances = instances;
  }

  @Override
  public String name() {
    return instances == 1 ? "Forewarn gateway" : "Forewarn gateway ×" + instances + " (shared subscription)";
  }

  @Override
  public String acknowledges() {
    return "after the commit (manual PUBACK); a crash loses nothing, the broker redelivers";
  }

  @Override
  public void start(String mqttUri, String jdbcUrl, Path work) throws Exception {
    for (int g = 0; g < instances; g++) {
      Map<String, String> env = new HashMap<>();
      env.put("FOREWARN_DB_URL", jdbcUrl);
      env.put("FOREWARN_MQTT_URI", mqttUri);
      env.put("FOREWARN_MQTT_CLIENT_ID", "peer-gw-" + g + "-" + ProcessHandle.current().pid());
      env.put("FOREWARN_LOG_LEVEL", "WARN");
      if (instances > 1) {
        env.put("FOREWARN_MQTT_SHARED_GROUP", "forewarn-gateway");
      }
      GatewayProcess gw = new GatewayProcess(jar, env, 19_500 + g, work.resolve("peer-gateway-" + g + ".log"));
      gateways.add(gw);
      gw.awaitHealthy(Duration.ofSeconds(60));
    }
  }

  @Override
  public List<Long> pids() {
    return gateways.stream().map(GatewayProcess::pid).toList();
  }

  /** The gateway registers devices itself: the id is whatever its registry assigned. */
  @Override
  public int deviceId(String jdbcUrl, String externalId) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement s = c.prepareStatement("SELECT id FROM devices WHERE external_id = ?")) {
      s.setString(1, externalId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (GatewayProcess gw : gateways) {
      gw.close();
    }
  }
}
