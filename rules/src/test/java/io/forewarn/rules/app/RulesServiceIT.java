package io.forewarn.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RulesServiceIT {

  @Test
  void service_evaluates_a_notified_batch_and_serves_health_and_metrics() throws Exception {
    try (TestDatabase db = TestDatabase.create("rules_svc")) {
      try (var pool = Database.pool(db.jdbcUrl(), 2, "setup")) {
        Database.migrate(pool);
      }
      db.exec("INSERT INTO customers (id, external_id) VALUES (1, 'c1')");
      db.exec("INSERT INTO devices (id, external_id, customer_id, model, firmware, region, site)"
          + " VALUES (1, 'gb-1', 1, 'boiler-gb24', '1.0', 'north', 'n1')");
      db.exec("INSERT INTO metrics (id, name) VALUES (1, 'pressure_bar')");
      // GIVEN the service running (port 0: any free port)
      RulesService service = RulesService.start(RulesConfig.fromEnv(Map.of("FOREWARN_DB_URI", db.jdbcUrl(),
          "FOREWARN_RULES_HTTP_PORT", "0")), Clock.systemUTC());
      try {
        // WHEN a gateway-like batch of 40 minutes of low pressure, ending now, commits with NOTIFY
        Instant now = Instant.now();
        StringBuilder rows = new StringBuilder();
        for (int i = 4; i >= 0; i--) {
          rows.append(i < 4 ? "," : "").append("('").append(now.minus(Duration.ofMinutes(10L * i)))
              .append("', 1, '{1}', '{0.6}', 7)");
        }
        db.exec("BEGIN; INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) VALUES " + rows
            + "; INSERT INTO ingest_batches (id, gateway, messages, rows_stored, rows_duplicate, rejected)"
            + " VALUES (7, 'gw', 5, 5, 0, 0); NOTIFY forewarn_ingest; COMMIT;");
        // THEN the incident and its outbox row appear within a few seconds
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (db.queryLong("SELECT count(*) FROM outbox WHERE transition = 'opened'") == 0
            && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(db.queryLong("SELECT count(*) FROM incidents WHERE rule_id = 'boiler-gb24/pressure_low'"))
            .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM outbox WHERE transition = 'opened'")).isEqualTo(1);
        // AND /health is up and /metrics has the rules meters
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + service.httpPort();
        var health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        // 5 samples x the 3 boiler rules on pressure_bar (low, high, forecast)
        assertThat(metrics).contains("forewarn_rules_points_evaluated_total 15.0")
            .contains("forewarn_rules_incidents_transitions_total{transition=\"opened\"} 1.0")
            .contains("forewarn_rules_lag_seconds_count");
      } finally {
        service.close();
      }
    }
  }
}
