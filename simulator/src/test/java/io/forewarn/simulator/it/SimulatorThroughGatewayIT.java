package io.forewarn.simulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.gateway.app.Gateway;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Simulator -> real Mosquitto -> real gateway -> TimescaleDB, counted end to end. */
@Timeout(180)
class SimulatorThroughGatewayIT {
  private static TestDatabase db;
  private static TestMosquitto broker;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("sim_gw_it");
    broker = TestMosquitto.start();
    gateway = InProcessGateway.start(db.jdbcUrl(), broker.uri(), Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      InProcessGateway.stop(gateway);
    } finally {
      broker.close();
      db.close();
    }
  }

  @Test
  void accelerated_fleet_lands_in_timescaledb_exactly_as_sent(@TempDir Path dir) throws Exception {
    // GIVEN 60 devices simulated over the last 8 hours at 3600x (8 s of wall time), registered by the simulator
    Cli cli = Cli.run("accelerated", "--devices", "60", "--span", "8h", "--speed", "3600", "--seed", "21",
        "--mqtt-uri", broker.uri(), "--db-url", db.jdbcUrl(), "--truth-file", dir.resolve("t.json").toString());
    assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
    long telemetry = cli.number("telemetry (\\d+)");
    long statuses = cli.number("status (\\d+)");
    assertThat(cli.out()).contains("acked " + (telemetry + statuses)).contains("failed 0");

    // WHEN the gateway has stored what the broker delivered
    long rows = 0;
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      rows = db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
          + " WHERE d.external_id LIKE 's21-%'");
      if (rows >= telemetry) {
        break;
      }
      Thread.sleep(200);
    }
    // THEN every telemetry message the simulator sent is one row, with all its metrics (a boiler's flame
    // signal only when its burner fired), nothing rejected
    assertThat(rows).isEqualTo(telemetry);
    assertThat(db.queryLong("SELECT count(*) FROM rejected_messages")).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM devices")).isEqualTo(60);
    assertThat(db.queryLong("SELECT count(*) FROM devices WHERE registered_by <> 'simulator'")).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id"
        + " WHERE cardinality(t.vals) <> CASE d.model WHEN 'heatpump-hp9' THEN 5 ELSE 6 END"
        + " AND NOT (d.model = 'boiler-gb24' AND cardinality(t.vals) = 5"
        + " AND NOT (SELECT id FROM metrics WHERE name = 'flame_signal_ua') = ANY(t.metric_ids))")).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM sim_faults f JOIN sim_runs r USING (run_id)"
        + " WHERE r.mode = 'accelerated'")).isPositive();
    // AND status changes arrive with their simulated time
    long statusRows = 0;
    for (int i = 0; i < 50 && statusRows < statuses; i++) {
      statusRows = db.queryLong("SELECT count(*) FROM device_status");
      Thread.sleep(100);
    }
    assertThat(statusRows).isBetween(60L, statuses);
  }
}
