package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.Gateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mosquitto 2.0 with unlimited queues sends past the subscriber's receive maximum while PUBACKs flow
 * and its queue for us is deep; the gateway stops reading at twice the receive maximum instead of
 * holding whatever arrives.
 */
@Timeout(240)
class ReadingPausesIT {
  private static final int RECEIVE_MAXIMUM = 20;
  private static final int PUBLISHERS = 4;
  private static final int PER_PUBLISHER = 5_000;

  @Test
  void never_holds_more_than_twice_the_receive_maximum_and_stores_everything() throws Exception {
    try (TestDatabase db = TestDatabase.create("gw_pauses_it");
        TestMosquitto broker = TestMosquitto.start()) {
      // GIVEN a gateway with a small receive maximum and small batches
      Map<String, String> env = ItSupport.env(db.jdbcUrl(), broker.uri());
      env.put("FOREWARN_MQTT_RECEIVE_MAXIMUM", String.valueOf(RECEIVE_MAXIMUM));
      env.put("FOREWARN_BATCH_MAX_MESSAGES", "10");
      Gateway gateway = ItSupport.start(env);
      int port = gateway.httpPort();
      QueueDepthSampler sampler = new QueueDepthSampler(port);
      try {
        // WHEN publishers send faster than it stores
        Instant base = Instant.now().minusSeconds(3_000);
        List<CompletableFuture<Void>> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
          int publisher = p;
          publishers.add(CompletableFuture.runAsync(() -> publish(broker.uri(), publisher, base)));
        }
        publishers.forEach(CompletableFuture::join);

        // THEN every message is stored once, and it never held more than twice the receive maximum
        // (each connection lost while reading waited may add one: none is lost here)
        long total = (long) PUBLISHERS * PER_PUBLISHER;
        long rows = Eventually.await(Duration.ofSeconds(120), () -> db.queryLong("SELECT count(*) FROM telemetry"),
            n -> n >= total);
        assertThat(rows).isEqualTo(total);
        assertThat(sampler.deepest()).isBetween((long) RECEIVE_MAXIMUM, 2L * RECEIVE_MAXIMUM);
      } finally {
        sampler.close();
        gateway.stop().await();
      }
    }
  }

  private static void publish(String uri, int publisher, Instant base) {
    try (TestPublisher pub = new TestPublisher(uri, "it-pub-pauses-" + publisher)) {
      for (int i = 0; i < PER_PUBLISHER; i++) {
        pub.publish("devices/pauses-" + publisher + "/telemetry",
            "{\"ts\":\"" + base.plusMillis(i) + "\",\"metrics\":{\"seq\":" + i + "}}");
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
