package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway process is killed (SIGKILL) mid-stream and started again with the same client id:
 * the broker redelivers what was not acknowledged, and the store skips what was already committed.
 */
@Timeout(180)
class GatewayCrashIT {
  private static final int MESSAGES = 6_000;

  @Test
  void a_killed_gateway_loses_and_duplicates_nothing_after_restart() throws Exception {
    Path jar = gatewayJar();
    try (TestDatabase db = TestDatabase.create("gw_crash_it"); TestMosquitto broker = TestMosquitto.start()) {
      Map<String, String> env = ItSupport.env(db.jdbcUrl(), broker.uri());
      env.put("FOREWARN_BATCH_MAX_MESSAGES", "200");
      env.put("FOREWARN_HTTP_PORT", String.valueOf(freePort()));
      Path log = Files.createTempFile("gateway-crash", ".log");
      // GIVEN a running gateway process
      Process first = start(jar, env, log);
      Instant base = Instant.now().minusSeconds(3_000);
      try (TestPublisher pub = new TestPublisher(broker.uri(), "it-pub-crash")) {
        // WHEN it is killed while messages are flowing
        for (int i = 0; i < MESSAGES; i++) {
          pub.publish("devices/crash-" + (i % 50) + "/telemetry",
              "{\"ts\":\"" + base.plusMillis(i) + "\",\"metrics\":{\"seq\":" + i + "}}");
          if (i == MESSAGES / 3) {
            Eventually.await(Duration.ofSeconds(20), () -> rows(db), n -> n > 0);
            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        }
      }
      long beforeRestart = rows(db);
      // AND started again with the same client id (its persistent session holds the rest)
      Process second = start(jar, env, log);
      try {
        long rows = Eventually.await(Duration.ofSeconds(90), () -> rows(db), n -> n >= MESSAGES);
        // THEN every message is stored exactly once
        assertThat(beforeRestart).isBetween(1L, (long) MESSAGES - 1);
        assertThat(rows).as("gateway log: " + log).isEqualTo(MESSAGES);
        assertThat(db.queryLong("SELECT count(DISTINCT (device_id, ts)) FROM telemetry")).isEqualTo(MESSAGES);
      } finally {
        second.destroy();
        second.waitFor(20, TimeUnit.SECONDS);
      }
    }
  }

  private static long rows(TestDatabase db) {
    return db.queryLong("SELECT count(*) FROM telemetry");
  }

  private static int freePort() throws Exception {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Process start(Path jar, Map<String, String> env, Path log) throws Exception {
    Process p = launch(jar, env, log);
    ItSupport.awaitReady(Integer.parseInt(env.get("FOREWARN_HTTP_PORT")));
    return p;
  }

  private static Process launch(Path jar, Map<String, String> env, Path log) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  private static Path gatewayJar() {
    File[] jars = new File("target").listFiles((d, n) -> n.startsWith("forewarn-gateway-") && n.endsWith(".jar"));
    assertThat(jars).as("the shaded gateway jar (failsafe runs after package)").isNotEmpty();
    return jars[0].toPath().toAbsolutePath();
  }
}
