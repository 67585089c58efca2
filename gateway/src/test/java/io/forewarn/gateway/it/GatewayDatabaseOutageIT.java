package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TcpProxy;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.Gateway;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The database goes away mid-stream: the gateway holds (acknowledges nothing), then catches up. */
@Timeout(180)
class GatewayDatabaseOutageIT {

  @Test
  void holds_while_the_database_is_unreachable_then_catches_up_without_loss_or_duplicates() throws Exception {
    try (TestDatabase db = TestDatabase.create("gw_outage_it");
        TestMosquitto broker = TestMosquitto.start();
        TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
      // GIVEN a gateway whose only way to the database goes through a proxy we can cut
      String viaProxy = db.jdbcUrl().replace(":5432/", ":" + proxy.port() + "/");
      Map<String, String> env = ItSupport.env(viaProxy, broker.uri());
      Gateway gateway = ItSupport.start(env);
      Instant base = Instant.now().minusSeconds(3_000);
      try (TestPublisher pub = new TestPublisher(broker.uri(), "it-pub-outage")) {
        publish(pub, base, 0, 300);
        assertThat(Eventually.await(Duration.ofSeconds(30), () -> rows(db), n -> n >= 300)).isEqualTo(300);

        // WHEN the database becomes unreachable and devices keep publishing
        proxy.cut();
        publish(pub, base, 300, 1_500);
        pub.flush();
        int port = gateway.httpPort();
        // THEN the gateway reports it, and holds the messages instead of dropping them
        var health = Eventually.await(Duration.ofSeconds(20), () -> ItSupport.get(port, "/health"),
            r -> r.statusCode() == 503);
        assertThat(health.body()).contains("\"database\":\"DOWN\"");
        Thread.sleep(3_000);
        assertThat(rows(db)).isEqualTo(300);

        // WHEN the database is back
        proxy.restore();
        // THEN everything arrives exactly once
        long rows = Eventually.await(Duration.ofSeconds(90), () -> rows(db), n -> n >= 1_500);
        assertThat(rows).isEqualTo(1_500);
        assertThat(db.queryLong("SELECT count(DISTINCT (device_id, ts)) FROM telemetry")).isEqualTo(1_500);
        assertThat(Eventually.await(Duration.ofSeconds(20), () -> ItSupport.get(port, "/health").statusCode(),
            s -> s == 200)).isEqualTo(200);
      } finally {
        gateway.stop().await();
      }
    }
  }

  private static long rows(TestDatabase db) {
    return db.queryLong("SELECT count(*) FROM telemetry");
  }

  private static void publish(TestPublisher pub, Instant base, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      pub.publish("devices/outage-" + (i % 10) + "/telemetry",
          "{\"ts\":\"" + base.plusMillis(i) + "\",\"metrics\":{\"seq\":" + i + "}}");
    }
  }
}
