package io.forewarn.gateway.it;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.gateway.app.Gateway;
import io.forewarn.gateway.app.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Starting an in-process gateway against a test database and broker, and reading its endpoints. */
final class ItSupport {
  private ItSupport() {}

  static Map<String, String> env(String dbUrl, String mqttUri) {
    Map<String, String> env = new HashMap<>();
    env.put("FOREWARN_DB_URL", dbUrl);
    env.put("FOREWARN_MQTT_URI", mqttUri);
    env.put("FOREWARN_MQTT_CLIENT_ID", "it-gw-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("FOREWARN_HTTP_PORT", "0");
    env.put("FOREWARN_HTTP_HOST", "127.0.0.1");
    env.put("FOREWARN_BATCH_MAX_DELAY", "50ms");
    env.put("FOREWARN_DB_MAX_BACKOFF", "1s");
    return env;
  }

  /** Starts a gateway and waits until it is ready (broker subscribed, database reachable). */
  static Gateway start(Map<String, String> env) {
    Gateway gateway = Gateway.start(GatewayConfig.fromEnv(env), () -> {
      throw new IllegalStateException("gateway hit a fatal error in a test");
    }).await();
    awaitReady(gateway.httpPort());
    return gateway;
  }

  static void awaitReady(int port) {
    int status = Eventually.await(Duration.ofSeconds(30), () -> statusOf(port), s -> s == 200);
    if (status != 200) {
      throw new IllegalStateException("gateway not ready within 30 s (/health " + status + ")");
    }
  }

  private static int statusOf(int port) {
    try {
      return get(port, "/health").statusCode();
    } catch (IllegalStateException e) {
      return -1;
    }
  }

  static long count(TestDatabase db, String sql) {
    return db.queryLong(sql);
  }

  static HttpResponse<String> get(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
