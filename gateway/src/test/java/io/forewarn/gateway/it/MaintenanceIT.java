package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.gateway.maintenance.MaintenanceSettings;
import io.forewarn.gateway.maintenance.RecentBatches;
import io.forewarn.gateway.maintenance.RetentionJob;
import io.forewarn.gateway.maintenance.RollupJob;
import io.forewarn.gateway.store.TelemetryRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Roll-ups and retention on the Apache edition, against real TimescaleDB. */
class MaintenanceIT {
  /** Every batch is read back from the database. */
  private static final RecentBatches NOTHING_KEPT = new RecentBatches(0, Duration.ZERO, Clock.systemUTC());
  private static TestDatabase db;
  private static HikariDataSource pool;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.create("gw_maint_it");
    pool = Database.pool(db.jdbcUrl(), 2, "maintenance-it");
    Database.migrate(pool);
    db.exec("INSERT INTO devices (id, external_id) VALUES (1, 'r1'), (2, 'r2')");
    db.exec("INSERT INTO metrics (id, name) VALUES (1, 'a'), (2, 'b')");
  }

  @AfterAll
  static void tearDown() {
    pool.close();
    db.close();
  }

  private static void batch(long id, String rows, String tsMin, String tsMax) {
    db.exec("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) VALUES " + rows.replace("$B", "" + id));
    db.exec("INSERT INTO ingest_batches (id, gateway, messages, rows_stored, rows_duplicate, rejected, ts_min, ts_max)"
        + " VALUES (" + id + ", 'it', 1, 1, 0, 0, '" + tsMin + "', '" + tsMax + "')");
  }

  @Test
  void rolls_up_new_batches_incrementally_including_late_data() throws Exception {
    // GIVEN two samples in one minute for device 1
    batch(1, "('2026-11-20 10:00:10+00', 1, '{1,2}', '{1,10}', $B), ('2026-11-20 10:00:50+00', 1, '{1}', '{3}', $B)",
        "2026-11-20 10:00:10+00", "2026-11-20 10:00:50+00");
    RollupJob job = new RollupJob(pool, Duration.ZERO, NOTHING_KEPT);
    // WHEN the roll-up runs (a writing transaction elsewhere in the cluster may hold the horizon back briefly)
    assertThat(runUntilSomething(job)).isEqualTo(1);
    // THEN min/max/sum/count per metric and minute are right, and the hour too
    assertThat(db.queryLong("SELECT count FROM telemetry_1m WHERE device_id = 1 AND metric_id = 1")).isEqualTo(2);
    assertThat(db.queryLong("SELECT (max * 100)::bigint FROM telemetry_1m WHERE device_id = 1 AND metric_id = 1"))
        .isEqualTo(300);
    assertThat(db.queryLong("SELECT sum::bigint FROM telemetry_1h WHERE device_id = 1 AND metric_id = 1")).isEqualTo(4);
    // WHEN nothing new arrived, a run does nothing
    assertThat(job.runOnce()).isZero();
    // WHEN a late sample for the same minute arrives in a later batch
    batch(2, "('2026-11-20 10:00:30+00', 1, '{1}', '{-5}', $B)", "2026-11-20 10:00:30+00", "2026-11-20 10:00:30+00");
    assertThat(runUntilSomething(job)).isEqualTo(1);
    // THEN that minute and its hour are recomputed with it
    assertThat(db.queryLong("SELECT count FROM telemetry_1m WHERE device_id = 1 AND metric_id = 1")).isEqualTo(3);
    assertThat(db.queryLong("SELECT min::bigint FROM telemetry_1h WHERE device_id = 1 AND metric_id = 1"))
        .isEqualTo(-5);
    assertThat(db.queryLong("SELECT count(*) FROM telemetry_1m WHERE device_id = 2")).isZero();
  }

  @Test
  void merged_roll_ups_equal_an_aggregate_of_the_raw_rows_after_many_runs() throws Exception {
    // GIVEN twelve batches of device 4, each 50 samples 7 s apart, crossing minutes and an hour, with a
    // late one back in the first minute; each batch rolled up by its own run
    RollupJob job = new RollupJob(pool, Duration.ZERO, NOTHING_KEPT);
    for (int b = 0; b < 12; b++) {
      int offsetSeconds = b == 11 ? 3 : b * 350;
      db.exec("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) SELECT"
          + " '2026-11-22 09:40:00+00'::timestamptz + g * interval '7 seconds' + " + offsetSeconds
          + " * interval '1 second', 4, '{1,2}',"
          + " ARRAY[g * 1.5 - " + b + ", " + b + " - g], " + (100 + b) + " FROM generate_series(0, 49) g");
      db.exec("INSERT INTO ingest_batches (id, gateway, messages, rows_stored, rows_duplicate, rejected, ts_min,"
          + " ts_max) SELECT " + (100 + b) + ", 'it', 50, 50, 0, 0, min(ts), max(ts) FROM telemetry WHERE batch_id = "
          + (100 + b));
      // WHEN the job runs after each batch
      assertThat(runUntilSomething(job)).isEqualTo(1);
    }
    // THEN every minute and hour equals the aggregate of the raw rows: each row counted exactly once
    assertRollUpsEqualRawAggregate(4);
    assertThat(db.queryLong("SELECT sum(count) FROM telemetry_1h WHERE device_id = 4")).isEqualTo(12 * 50 * 2);
  }

  @Test
  void one_run_reading_and_flushing_in_parts_equals_an_aggregate_of_the_raw_rows() throws Exception {
    // GIVEN ten batches of device 6, 40 samples each 11 s apart, across minutes and an hour
    for (int b = 0; b < 10; b++) {
      db.exec("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) SELECT"
          + " '2026-11-23 09:50:00+00'::timestamptz + (g + " + (b * 40) + ") * interval '11 seconds', 6,"
          + " CASE WHEN g % 3 = 0 THEN '{2,1}'::smallint[] ELSE '{1,2,3}'::smallint[] END,"
          + " CASE WHEN g % 3 = 0 THEN ARRAY[g * 0.25, -g] ELSE ARRAY[g, " + b + ", g * g / 7.0] END, " + (200 + b)
          + " FROM generate_series(0, 39) g");
      db.exec("INSERT INTO ingest_batches (id, gateway, messages, rows_stored, rows_duplicate, rejected, ts_min,"
          + " ts_max) SELECT " + (200 + b) + ", 'it', 40, 40, 0, 0, min(ts), max(ts) FROM telemetry WHERE batch_id = "
          + (200 + b));
    }
    // WHEN one run reads them 90 rows per COPY and sends its delta to the database every 5 groups
    RollupJob job = new RollupJob(pool, Duration.ZERO, NOTHING_KEPT, 90, 5);
    int done = 0;
    for (int i = 0; i < 100 && done < 10; i++) {
      done += job.runOnce();
    }
    // THEN the partial deltas were merged into the same figures as the raw rows give
    assertThat(done).isEqualTo(10);
    assertRollUpsEqualRawAggregate(6);
    assertThat(db.queryLong("SELECT sum(count) FROM telemetry_1m WHERE device_id = 6"))
        .isEqualTo(db.queryLong("SELECT sum(cardinality(metric_ids)) FROM telemetry WHERE device_id = 6"));
  }

  @Test
  void rows_kept_in_memory_and_rows_read_back_roll_up_to_the_same_figures_as_the_raw_rows() throws Exception {
    // GIVEN six batches of device 8 committed by "this gateway", 30 samples each 13 s apart across an
    // hour; the rows of batches 0, 2 and 4 are kept in memory, the others are not (another gateway's,
    // or dropped by the bound)
    RecentBatches recent = new RecentBatches(1_000, Duration.ofMinutes(5), Clock.systemUTC());
    Instant start = Instant.parse("2026-11-24T09:50:00Z");
    for (int b = 0; b < 6; b++) {
      List<TelemetryRow> rows = new ArrayList<>();
      for (int g = 0; g < 30; g++) {
        Instant ts = start.plusSeconds((b * 30L + g) * 13);
        rows.add(new TelemetryRow(8, ts.getEpochSecond() * 1_000_000L, new short[] {1, 2},
            new double[] {g * 0.5 - b, b * 3.25 - g}, false));
      }
      StringBuilder values = new StringBuilder();
      for (TelemetryRow r : rows) {
        values.append(values.isEmpty() ? "" : ", ").append("(to_timestamp(").append(r.tsMicros() / 1_000_000)
            .append("), 8, '{1,2}', ARRAY[").append(r.values()[0]).append(", ").append(r.values()[1])
            .append("]::float8[], $B)");
      }
      batch(300 + b, values.toString(), "2026-11-24 09:50:00+00", "2026-11-24 10:30:00+00");
      if (b % 2 == 0) {
        recent.committed(300 + b, rows);
      }
    }
    // WHEN the roll-up runs
    RollupJob job = new RollupJob(pool, Duration.ZERO, recent);
    int done = 0;
    for (int i = 0; i < 100 && done < 6; i++) {
      done += job.runOnce();
    }
    // THEN half the rows came from memory, half were read back, and together they equal the raw rows
    assertThat(done).isEqualTo(6);
    assertThat(job.rowsFromMemory()).isEqualTo(90);
    assertThat(job.rowsReadBack()).isEqualTo(90);
    assertThat(recent.rows()).isZero();
    assertRollUpsEqualRawAggregate(8);
  }

  private static void assertRollUpsEqualRawAggregate(int device) {
    for (String[] t : new String[][] {{"telemetry_1m", "1 minute"}, {"telemetry_1h", "1 hour"}}) {
      assertThat(db.queryLong("SELECT count(*) FROM (SELECT time_bucket('" + t[1] + "', x.ts) AS b, m.id,"
          + " min(m.v) AS mn, max(m.v) AS mx, sum(m.v) AS s, count(*) AS n FROM telemetry x,"
          + " unnest(x.metric_ids, x.vals) m(id, v) WHERE x.device_id = " + device + " GROUP BY 1, 2) raw FULL JOIN"
          + " (SELECT * FROM " + t[0] + " WHERE device_id = " + device
          + ") r ON r.bucket = raw.b AND r.metric_id = raw.id"
          + " WHERE r.bucket IS NULL OR raw.b IS NULL OR r.min <> raw.mn OR r.max <> raw.mx OR r.count <> raw.n"
          + " OR abs(r.sum - raw.s) > 1e-9")).as(t[0]).isZero();
    }
  }

  private static int runUntilSomething(RollupJob job) throws Exception {
    for (int i = 0; i < 100; i++) {
      int done = job.runOnce();
      if (done > 0) {
        return done;
      }
      Thread.sleep(100);
    }
    return 0;
  }

  @Test
  void leaves_batches_alone_until_they_settle() throws Exception {
    // GIVEN a batch committed just now
    batch(50, "('2026-11-21 10:00:10+00', 3, '{1}', '{7}', $B)", "2026-11-21 10:00:10+00", "2026-11-21 10:00:10+00");
    // WHEN a roll-up with a one-hour settle time runs  THEN it takes nothing and the cursor stays below it
    assertThat(new RollupJob(pool, Duration.ofHours(1), NOTHING_KEPT).runOnce()).isZero();
    assertThat(db.queryLong("SELECT count(*) FROM telemetry_1m WHERE device_id = 3")).isZero();
    // AND once settled it is rolled up
    assertThat(runUntilSomething(new RollupJob(pool, Duration.ZERO, NOTHING_KEPT))).isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM telemetry_1m WHERE device_id = 3")).isEqualTo(1);
  }

  @Test
  void drops_raw_chunks_older_than_the_retention_period() throws Exception {
    // GIVEN a raw sample 400 days old and a recent one
    db.exec("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) VALUES"
        + " (now() - interval '400 days', 2, '{1}', '{1}', 99), (now() - interval '1 hour', 2, '{1}', '{2}', 99)");
    db.exec("INSERT INTO rejected_messages (received_at, topic, reason, payload_size) VALUES"
        + " (now() - interval '30 days', 't', 'malformed_json', 1), (now(), 't', 'malformed_json', 1)");
    MaintenanceSettings settings = new MaintenanceSettings(Duration.ofDays(90), Duration.ofDays(180),
        Duration.ofDays(730), Duration.ofDays(14), Duration.ofDays(1), Duration.ofSeconds(30), Duration.ofHours(1), 0);
    // WHEN retention runs on the Apache edition
    new RetentionJob(pool, settings).runOnce();
    // THEN the old chunk is gone, the recent row stays, and old rejects are trimmed
    assertThat(db.queryLong("SELECT count(*) FROM telemetry WHERE device_id = 2")).isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM rejected_messages")).isEqualTo(1);
  }
}
