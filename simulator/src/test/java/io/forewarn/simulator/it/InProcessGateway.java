package io.forewarn.simulator.it;

import io.forewarn.gateway.app.Gateway;
import io.forewarn.gateway.app.GatewayConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The real gateway in-process, configured as the demo runs it (it accepts replayed, old timestamps). */
final class InProcessGateway {
  private InProcessGateway() {}

  /** Starts a gateway on the database and broker; {@code extra} adds or overrides variables (e.g. its login). */
  static Gateway start(String dbUrl, String mqttUri, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("FOREWARN_DB_URL", dbUrl);
    env.put("FOREWARN_MQTT_URI", mqttUri);
    env.put("FOREWARN_MQTT_CLIENT_ID", "sim-it-gw-" + UUID.randomUUID().toString().substring(0, 8));
    env.put("FOREWARN_HTTP_PORT", "0");
    env.put("FOREWARN_HTTP_HOST", "127.0.0.1");
    env.put("FOREWARN_BATCH_MAX_DELAY", "50ms");
    // Accelerated runs replay the past: the demo gateway accepts old timestamps the same way.
    env.put("FOREWARN_TS_MAX_AGE", "2d");
    env.putAll(extra);
    return Gateway.start(GatewayConfig.fromEnv(env), () -> {
      throw new IllegalStateException("gateway hit a fatal error in a test");
    }).await();
  }

  /** Bounded: a gateway that fails to stop must not hang the build. */
  static void stop(Gateway gateway) throws Exception {
    if (gateway != null) {
      gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
