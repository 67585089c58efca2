package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.Gateway;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway end to end: real Mosquitto, real TimescaleDB, Paho publishers. Bad input: {@link BadInputIT}. */
@Timeout(120)
class GatewayIngestIT {
  private static TestDatabase db;
  private static TestMosquitto broker;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("gw_ingest_it");
    broker = TestMosquitto.start();
    gateway = ItSupport.start(ItSupport.env(db.jdbcUrl(), broker.uri()));
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.stop().await();
    }
    broker.close();
    db.close();
  }

  @Test
  void stores_every_qos1_message_exactly_once_with_all_its_metrics() throws Exception {
    // GIVEN 20 devices publishing 100 messages of 10 metrics each
    int devices = 20;
    int perDevice = 100;
    Instant base = Instant.now().minusSeconds(600);
    try (TestPublisher pub = new TestPublisher(broker.uri(), "it-pub-bulk")) {
      for (int i = 0; i < perDevice; i++) {
        for (int d = 0; d < devices; d++) {
          StringBuilder metrics = new StringBuilder();
          for (int m = 0; m < 10; m++) {
            metrics.append(m == 0 ? "" : ",").append("\"bulk_m").append(m).append("\":").append(i + m / 10.0);
          }
          pub.publish("devices/bulk-" + d + "/telemetry",
              "{\"ts\":\"" + base.plusSeconds(i) + "\",\"metrics\":{" + metrics + "}}");
        }
      }
    }
    // WHEN the gateway has caught up
    long rows = Eventually.await(Duration.ofSeconds(60),
        () -> db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
            + " WHERE d.external_id LIKE 'bulk-%'"), n -> n >= devices * perDevice);
    // THEN there is one row per message, 10 values per row, no duplicates, all acknowledged
    assertThat(rows).isEqualTo(devices * perDevice);
    assertThat(db.queryLong("SELECT sum(cardinality(vals)) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE d.external_id LIKE 'bulk-%'")).isEqualTo(devices * perDevice * 10L);
    assertThat(db.queryLong("SELECT count(*) FROM metrics WHERE name LIKE 'bulk_m%'")).isEqualTo(10);
    assertThat(db.queryLong("SELECT count(*) FROM devices WHERE external_id LIKE 'bulk-%' AND registered_by = 'auto'"
        + " AND last_seen_at IS NOT NULL")).isBetween(0L, (long) devices);
    String metrics = ItSupport.get(gateway.httpPort(), "/metrics").body();
    assertThat(metrics).contains("forewarn_gateway_messages_acknowledged_total").contains("forewarn_gateway_queue_depth");
    assertThat(ItSupport.get(gateway.httpPort(), "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void stores_senml_and_tracks_device_status() throws Exception {
    Instant t = Instant.now().minusSeconds(30);
    try (TestPublisher pub = new TestPublisher(broker.uri(), "it-pub-senml")) {
      pub.publish("devices/senml-1/senml", "[{\"bn\":\"senml-1:\",\"bt\":" + t.getEpochSecond()
          + ",\"n\":\"sm_temp\",\"u\":\"Cel\",\"v\":21.5},{\"n\":\"sm_hum\",\"v\":40}]");
      pub.publish("devices/senml-1/status", "offline");
    }
    long rows = Eventually.await(Duration.ofSeconds(30), () -> db.queryLong(
        "SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id WHERE d.external_id = 'senml-1'"),
        n -> n >= 1);
    assertThat(rows).isEqualTo(1);
    assertThat(db.queryLong("SELECT cardinality(vals) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE d.external_id = 'senml-1'")).isEqualTo(2);
    Eventually.await(Duration.ofSeconds(10), () -> db.queryLong(
        "SELECT count(*) FROM devices WHERE external_id = 'senml-1' AND online = false"), n -> n == 1);
    assertThat(db.queryLong("SELECT count(*) FROM device_status s JOIN devices d ON d.id = s.device_id"
        + " WHERE d.external_id = 'senml-1' AND NOT s.online")).isEqualTo(1);
  }
}
