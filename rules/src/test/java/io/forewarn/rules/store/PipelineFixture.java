package io.forewarn.rules.store;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** A migrated throw-away database with two boilers and helpers that write ingest batches like the gateway. */
final class PipelineFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  final TestDatabase db = TestDatabase.create("rules_it");
  final HikariDataSource pool = Database.pool(db.jdbcUrl(), 6, "rules-it");
  final RuleSet rules = new RuleFileLoader(ProductCatalog.standard()).loadDefault();
  final MutableClock clock = new MutableClock(T0);

  PipelineFixture() {
    Database.migrate(pool);
    db.exec("INSERT INTO customers (id, external_id) VALUES (1, 'c1'), (2, 'c2')");
    db.exec("INSERT INTO devices (id, external_id, customer_id, model, firmware, region, site) VALUES"
        + " (1, 'gb-1', 1, 'boiler-gb24', '1.0', 'north', 'n1'), (2, 'gb-2', 2, 'boiler-gb24', '1.0', 'south', 's1')");
    db.exec("INSERT INTO metrics (id, name) VALUES (1, 'pressure_bar'), (2, 'flow_temp_c'), (3, 'flame_failures')");
  }

  RulesPipeline pipeline(String cursor) {
    return new RulesPipeline(pool, rules, ProductCatalog.standard(), clock, cursor, false);
  }

  /** One stored row: a device's values of some metrics (ids of the metrics table) at one time. */
  record Row(Instant ts, int device, int[] metricIds, double[] values) {}

  /**
   * One committed batch of 10-minute samples of {@code device} from {@code from}; returns once a cycle
   * can read it, and then the clock follows the data.
   */
  void batch(String gateway, int device, Instant from, int samples, double pressure) throws SQLException {
    java.util.List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < samples; i++) {
      rows.add(new Row(at(from, i), device, new int[] {1, 2, 3}, new double[] {pressure, 60.0, 0.0}));
    }
    batch(gateway, rows);
  }

  /** One committed batch of these rows (in time order); returns once a cycle can read it, the clock then after it. */
  void batch(String gateway, java.util.List<Row> rows) throws SQLException {
    long id;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('ingest_batch_seq')")) {
        rs.next();
        id = rs.getLong(1);
      }
      try (PreparedStatement q = c.prepareStatement("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id)"
          + " VALUES (?, ?, ?::smallint[], ?, ?)")) {
        for (Row r : rows) {
          q.setTimestamp(1, Timestamp.from(r.ts()));
          q.setInt(2, r.device());
          q.setArray(3, c.createArrayOf("int4", java.util.Arrays.stream(r.metricIds()).boxed().toArray()));
          q.setArray(4, c.createArrayOf("float8", java.util.Arrays.stream(r.values()).boxed().toArray()));
          q.setLong(5, id);
          q.addBatch();
        }
        q.executeBatch();
      }
      try (PreparedStatement q = c.prepareStatement("INSERT INTO ingest_batches (id, gateway, messages, rows_stored,"
          + " rows_duplicate, rejected, ts_min, ts_max) VALUES (?, ?, ?, ?, 0, 0, ?, ?)")) {
        q.setLong(1, id);
        q.setString(2, gateway);
        q.setInt(3, rows.size());
        q.setInt(4, rows.size());
        q.setTimestamp(5, Timestamp.from(rows.getFirst().ts()));
        q.setTimestamp(6, Timestamp.from(rows.getLast().ts()));
        q.executeUpdate();
      }
      c.commit();
    }
    awaitVisible(id);
    clock.set(rows.getLast().ts().plusSeconds(30));
  }

  /**
   * Waits (30 s at most) until the batch is below the cluster's xid horizon, i.e. what the next cycle
   * reads. Moving the clock before that would let a cycle on a busy shared server tick in a time the
   * data has not reached yet, and judge the device silent.
   */
  private void awaitVisible(long batchId) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = pool.getConnection(); PreparedStatement q = c.prepareStatement(
        "SELECT xid < pg_snapshot_xmin(pg_current_snapshot()) FROM ingest_batches WHERE id = ?")) {
      q.setLong(1, batchId);
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return;
          }
        }
        sleep();
      }
    }
    throw new AssertionError("batch " + batchId + " not below the xid horizon after 30 s");
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Runs cycles until {@code batches} batches were evaluated (30 s at most). A batch is visible only once
   * every older transaction of the cluster has finished (the xid horizon), so a busy shared server can
   * hold it back for a moment; returns the cycles' transitions.
   */
  static int runUntil(RulesPipeline p, int batches) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int seen = 0;
    int transitions = 0;
    do {
      RulesPipeline.CycleResult r = p.runOnce();
      seen += r.batches();
      transitions += r.transitions();
      if (seen < batches) {
        Thread.sleep(20);
      }
    } while (seen < batches && System.nanoTime() < deadline);
    if (seen != batches) {
      throw new AssertionError("expected " + batches + " batches, evaluated " + seen);
    }
    return transitions;
  }

  static Instant at(Instant from, int i) {
    return from.plus(Duration.ofMinutes(10L * i));
  }

  long count(String sql) {
    return db.queryLong(sql);
  }

  @Override
  public void close() {
    pool.close();
    db.close();
  }
}
