package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway end to end: real Mosquitto, real TimescaleDB, Paho publishers. Bad input: {@link BadInputIT}. */
@Timeout(120)
class GatewayIngestIT {
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start("gw_ingest_it", Map.of());
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void stores_every_qos1_message_exactly_once_with_all_its_metrics() throws Exception {
    // GIVEN 20 devices publishing 100 messages of 10 metrics each
    int devices = 20;
    int perDevice = 100;
    Instant base = Instant.now().minusSeconds(600);
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-bulk")) {
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
        () -> fx.db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
            + " WHERE d.external_id LIKE 'bulk-%'"),
        n -> n >= devices * perDevice);
    // THEN there is one row per message, 10 values per row, no duplicates, all acknowledged
    assertThat(rows).isEqualTo(devices * perDevice);
    assertThat(fx.db.queryLong("SELECT sum(cardinality(vals)) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE d.external_id LIKE 'bulk-%'")).isEqualTo(devices * perDevice * 10L);
    assertThat(fx.db.queryLong("SELECT count(*) FROM metrics WHERE name LIKE 'bulk_m%'")).isEqualTo(10);
    assertThat(fx.db.queryLong("SELECT count(*) FROM devices WHERE external_id LIKE 'bulk-%' AND registered_by = 'auto'"
        + " AND last_seen_at IS NOT NULL")).isBetween(0L, (long) devices);
    String metrics = ItSupport.get(fx.gateway.httpPort(), "/metrics").body();
    assertThat(metrics).contains("forewarn_gateway_messages_acknowledged_total")
        .contains("forewarn_gateway_queue_depth");
    assertThat(ItSupport.get(fx.gateway.httpPort(), "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void stores_values_and_timestamps_exactly_and_a_repeated_message_once() throws Exception {
    // GIVEN awkward doubles, a microsecond timestamp, and the same message sent twice (what a
    // redelivery looks like to the database)
    Instant ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).plusNanos(123_456_000);
    String payload = "{\"ts\":\"" + ts + "\",\"metrics\":{\"exact_a\":-67,\"exact_b\":71.2,"
        + "\"exact_c\":1.0E-300,\"exact_d\":1.7976931348623157E308,\"exact_e\":-0.0}}";
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-exact")) {
      pub.publish("devices/exact-1/telemetry", payload);
      pub.publish("devices/exact-1/telemetry", payload);
      pub.publish("devices/exact-1/telemetry", "{\"metrics\":{\"exact_a\":1}}");
    }
    // WHEN the gateway has stored them
    Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong("SELECT count(*) FROM telemetry t"
        + " JOIN devices d ON d.id = t.device_id WHERE d.external_id = 'exact-1'"), n -> n >= 2);
    Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong(
        "SELECT coalesce(sum(rows_duplicate), 0) FROM ingest_batches"), n -> n >= 1);
    // THEN the repeated message is one row, its values are bit-for-bit the published ones, and the
    // message without ts is flagged as stamped with the receive time
    try (Connection c = fx.db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT t.ts, m.name, v.val, t.receive_time FROM telemetry t"
            + " JOIN devices d ON d.id = t.device_id, unnest(t.metric_ids, t.vals) AS v(metric_id, val)"
            + " JOIN metrics m ON m.id = v.metric_id WHERE d.external_id = 'exact-1' ORDER BY t.receive_time, m.name")) {
      Map<String, Double> values = new HashMap<>();
      int fromTs = 0;
      boolean receiveTimeRow = false;
      while (rs.next()) {
        if (rs.getBoolean(4)) {
          receiveTimeRow = true;
          continue;
        }
        fromTs++;
        assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(ts);
        values.put(rs.getString(2), rs.getDouble(3));
      }
      assertThat(fromTs).isEqualTo(5);
      assertThat(receiveTimeRow).isTrue();
      assertThat(values).containsEntry("exact_a", -67.0).containsEntry("exact_b", 71.2)
          .containsEntry("exact_c", 1.0E-300).containsEntry("exact_d", Double.MAX_VALUE);
      assertThat(Double.doubleToRawLongBits(values.get("exact_e"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }
  }

  @Test
  void stores_senml_and_tracks_device_status() throws Exception {
    Instant t = Instant.now().minusSeconds(30);
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-senml")) {
      pub.publish("devices/senml-1/senml", "[{\"bn\":\"senml-1:\",\"bt\":" + t.getEpochSecond()
          + ",\"n\":\"sm_temp\",\"u\":\"Cel\",\"v\":21.5},{\"n\":\"sm_hum\",\"v\":40}]");
      pub.publish("devices/senml-1/status", "offline");
    }
    long rows = Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong(
        "SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id WHERE d.external_id = 'senml-1'"),
        n -> n >= 1);
    assertThat(rows).isEqualTo(1);
    assertThat(fx.db.queryLong("SELECT cardinality(vals) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE d.external_id = 'senml-1'")).isEqualTo(2);
    Eventually.await(Duration.ofSeconds(10), () -> fx.db.queryLong(
        "SELECT count(*) FROM devices WHERE external_id = 'senml-1' AND online = false"), n -> n == 1);
    assertThat(fx.db.queryLong("SELECT count(*) FROM device_status s JOIN devices d ON d.id = s.device_id"
        + " WHERE d.external_id = 'senml-1' AND NOT s.online")).isEqualTo(1);
  }
}
