package io.forewarn.simulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryIT {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("sim_history");
  }

  @AfterAll
  static void dropDatabase() {
    db.close();
  }

  @Test
  void history_lands_as_ingested_batches_with_ground_truth_and_reruns_without_duplicates(@TempDir Path dir)
      throws Exception {
    // GIVEN an empty TimescaleDB; WHEN two days of a 300-device fleet are written
    Path truth = dir.resolve("truth.json");
    Cli first = Cli.run("history", "--days", "2", "--devices", "300", "--seed", "5", "--chunk-rows", "5000",
        "--db-url", db.jdbcUrl(), "--truth-file", truth.toString());
    assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

    // THEN every row belongs to a simulator batch whose counts match, as if the gateway had stored it
    long rows = db.queryLong("SELECT count(*) FROM telemetry");
    assertThat(rows).isGreaterThan(300L * 2 * 96 * 9 / 10);
    assertThat(db.queryLong("SELECT sum(rows_stored) FROM ingest_batches WHERE gateway = 'simulator-history'"))
        .isEqualTo(rows);
    assertThat(db.queryLong("SELECT count(*) FROM telemetry t LEFT JOIN ingest_batches b ON b.id = t.batch_id"
        + " WHERE b.id IS NULL OR t.ts < b.ts_min OR t.ts > b.ts_max")).isZero();
    assertThat(db.queryLong("SELECT samples_sent FROM sim_runs")).isEqualTo(rows);
    assertThat(first.out()).contains("rows/s").contains(rows + " telemetry rows");
    // AND metric ids point at the model's metrics, in the model's order; a boiler whose burner did not
    // fire since its last report leaves out the flame signal, and only that
    String boiler = "ARRAY['flow_temp_c','return_temp_c','pressure_bar','burner_starts','flame_failures','flame_signal_ua']";
    String ids = "(SELECT array_agg(id ORDER BY array_position(" + boiler + ", name)) FROM metrics WHERE name = ANY("
        + boiler + ")";
    String boilerRows = "SELECT count(*) FROM telemetry t JOIN devices d ON d.id = t.device_id WHERE d.model = 'boiler-gb24'";
    assertThat(db.queryLong(boilerRows + " AND t.metric_ids <> " + ids + ")"
        + " AND t.metric_ids <> " + ids + " AND name <> 'flame_signal_ua')")).isZero();
    assertThat(db.queryLong(boilerRows + " AND cardinality(t.metric_ids) = 6")).isPositive();
    // AND the ground truth is in the table and in the file
    long faults = db.queryLong("SELECT count(*) FROM sim_faults");
    assertThat(faults).isPositive();
    String json = Files.readString(truth);
    assertThat(json.split("\"fault_kind\"", -1).length - 1).isEqualTo((int) faults);
    assertThat(json).contains("\"failure_limits\"").contains("\"pressure_bar\"");
    assertThat(db.queryLong("SELECT count(*) FROM device_status WHERE NOT online")).isPositive();

    long customers = db.queryLong("SELECT count(*) FROM customers");
    long devices = db.queryLong("SELECT count(*) FROM devices WHERE registered_by = 'simulator'");
    // WHEN the same seed runs again over the same window without --replace
    Cli again = Cli.run("history", "--days", "2", "--devices", "300", "--seed", "5", "--db-url", db.jdbcUrl(),
        "--truth-file", dir.resolve("again.json").toString());
    // THEN it refuses, and nothing was duplicated
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("--replace");
    assertThat(db.queryLong("SELECT count(*) FROM customers")).isEqualTo(customers);
    assertThat(db.queryLong("SELECT count(*) FROM devices")).isEqualTo(devices).isEqualTo(300);
    assertThat(db.queryLong("SELECT count(*) FROM telemetry")).isEqualTo(rows);
  }
}
