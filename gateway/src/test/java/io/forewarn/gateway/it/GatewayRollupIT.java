package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The roll-up inside a running gateway: from the rows it just wrote, and read back for the others. */
@Timeout(120)
class GatewayRollupIT {
  private static GatewayFixture fx;

  @BeforeAll
  static void start() {
    fx = GatewayFixture.start("gw_rollup_it", Map.of("FOREWARN_ROLLUP_INTERVAL", "1s"));
  }

  @AfterAll
  static void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void rolls_up_each_stored_row_once_mostly_from_memory_and_a_repeated_message_once()
      throws Exception {
    // GIVEN 60 messages of three devices over three minutes, then a batch holding a repeated message
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    try (TestPublisher pub = new TestPublisher(fx.broker.uri(), "it-pub-rollup")) {
      for (int i = 0; i < 60; i++) {
        pub.publish("devices/roll-" + (i % 3) + "/telemetry", "{\"ts\":\"" + start.plusSeconds(i * 3L)
            + "\",\"metrics\":{\"roll_a\":" + (i * 0.5 - 7) + ",\"roll_b\":" + (100 - i) + "}}");
      }
      Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong("SELECT count(*) FROM telemetry"), n -> n == 60);
      String repeated = "{\"ts\":\"" + start.plusSeconds(1) + "\",\"metrics\":{\"roll_a\":1000}}";
      pub.publish("devices/roll-0/telemetry", repeated);
      pub.publish("devices/roll-0/telemetry", repeated);
    }
    // WHEN the gateway has stored them and its roll-up has caught up
    Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong(
        "SELECT coalesce(sum(rows_duplicate), 0) FROM ingest_batches"), n -> n >= 1);
    Eventually.await(Duration.ofSeconds(30), () -> fx.db.queryLong("SELECT coalesce(sum(count), 0) FROM telemetry_1m"),
        n -> n == 60 * 2 + 1);
    // THEN every minute equals an aggregate of the raw rows (the repeated message counted once), and
    // each stored row was rolled up once: from memory, or read back when its batch met a duplicate
    // (the two copies usually share a batch; if not, the second stores nothing)
    assertThat(fx.db.queryLong("SELECT count(*) FROM (SELECT time_bucket('1 minute', x.ts) AS b, x.device_id,"
        + " m.id, min(m.v) AS mn, max(m.v) AS mx, sum(m.v) AS s, count(*) AS n FROM telemetry x,"
        + " unnest(x.metric_ids, x.vals) m(id, v) GROUP BY 1, 2, 3) raw FULL JOIN telemetry_1m r"
        + " ON r.bucket = raw.b AND r.device_id = raw.device_id AND r.metric_id = raw.id"
        + " WHERE r.bucket IS NULL OR raw.b IS NULL OR r.min <> raw.mn OR r.max <> raw.mx OR r.count <> raw.n"
        + " OR abs(r.sum - raw.s) > 1e-9")).isZero();
    System.gc(); // a counter whose supplier Micrometer held only weakly would read 0 from here on
    assertThat(rollupRows("memory")).isGreaterThanOrEqualTo(60);
    assertThat(rollupRows("memory") + rollupRows("database")).isEqualTo(61);
  }

  private static double rollupRows(String source) {
    for (String line : ItSupport.get(fx.gateway.httpPort(), "/metrics").body().split("\n")) {
      if (line.startsWith("forewarn_gateway_rollup_rows_total{") && line.contains("source=\"" + source + "\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }
}
