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

/**
 * A gateway that cannot store and keeps losing its broker connection: the broker resends every
 * unacknowledged message on each reconnect, and a gateway that kept the old copies as well held
 * another receive maximum of them each time (found in an overloaded benchmark step: a million
 * messages held and the heap exhausted).
 */
@Timeout(240)
class BoundedQueueIT {
  private static final int RECEIVE_MAXIMUM = 50;
  private static final int BATCH = 20;
  private static final int MESSAGES = 1_000;
  private static final int RECONNECTS = 6;

  @Test
  void holds_at_most_the_receive_maximum_plus_a_batch_however_often_the_connection_drops() throws Exception {
    try (TestDatabase db = TestDatabase.create("gw_bounded_it");
        TestMosquitto broker = TestMosquitto.start();
        TcpProxy dbProxy = new TcpProxy("127.0.0.1", 5432);
        TcpProxy mqttProxy = new TcpProxy("127.0.0.1", broker.port())) {
      // GIVEN a gateway whose database and broker are both behind proxies we can cut
      Map<String, String> env = ItSupport.env(db.jdbcUrl().replace(":5432/", ":" + dbProxy.port() + "/"),
          "tcp://127.0.0.1:" + mqttProxy.port());
      env.put("FOREWARN_MQTT_RECEIVE_MAXIMUM", String.valueOf(RECEIVE_MAXIMUM));
      env.put("FOREWARN_BATCH_MAX_MESSAGES", String.valueOf(BATCH));
      Gateway gateway = ItSupport.start(env);
      int port = gateway.httpPort();
      QueueDepthSampler sampler = new QueueDepthSampler(port);
      try (TestPublisher pub = new TestPublisher(broker.uri(), "it-pub-bounded")) {
        // WHEN the database is unreachable, devices publish, and the broker connection drops again and again
        dbProxy.cut();
        Instant base = Instant.now().minusSeconds(3_000);
        for (int i = 0; i < MESSAGES; i++) {
          pub.publish("devices/bounded-" + (i % 10) + "/telemetry",
              "{\"ts\":\"" + base.plusMillis(i) + "\",\"metrics\":{\"seq\":" + i + "}}");
        }
        for (int i = 0; i < RECONNECTS; i++) {
          Eventually.await(Duration.ofSeconds(30), () -> QueueDepthSampler.depth(port), n -> n >= RECEIVE_MAXIMUM);
          mqttProxy.cut();
          Thread.sleep(300);
          mqttProxy.restore();
          Thread.sleep(2_000);
        }

        // THEN it never held more than the receive maximum plus the batch being retried (copies from
        // the lost connections were dropped: the broker resends them), where keeping them would have
        // reached (RECONNECTS + 1) * RECEIVE_MAXIMUM = 350
        assertThat(sampler.deepest()).isBetween((long) RECEIVE_MAXIMUM, (long) RECEIVE_MAXIMUM + BATCH);
        assertThat(GatewayMetricsText.value(port, "forewarn_gateway_messages_copies_dropped_total")).isPositive();

        // WHEN the database is back, THEN every message is stored exactly once
        dbProxy.restore();
        long rows = Eventually.await(Duration.ofSeconds(120), () -> db.queryLong("SELECT count(*) FROM telemetry"),
            n -> n >= MESSAGES);
        assertThat(rows).isEqualTo(MESSAGES);
        assertThat(db.queryLong("SELECT count(DISTINCT (device_id, ts)) FROM telemetry")).isEqualTo(MESSAGES);
      } finally {
        sampler.close();
        gateway.stop().await();
      }
    }
  }

}
