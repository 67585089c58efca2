package io.forewarn.gateway.maintenance;

import io.forewarn.common.db.BatchCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Keeps {@code telemetry_1m} and {@code telemetry_1h} up to date incrementally (the Apache edition
 * has no continuous aggregates). Each run takes the batches committed since the last run (cursor
 * on {@code ingest_batches.xid}, see V1__telemetry.sql), aggregates only their rows, once, into a
 * per-minute delta, and merges that delta into both roll-ups: min and max by least/greatest, sum and
 * count by addition. Those four are mergeable, and the cursor advances in the same transaction as
 * the merge, so every stored row is counted exactly once: late data is rolled up like any other, and
 * a redelivered duplicate (never stored) is not. Recomputing every touched minute and hour from the
 * raw rows instead read each raw row about twice and every minute row of the current hour at every
 * run (docs/benchmarks.md).
 */
public final class RollupJob {
  static final String CURSOR = "rollup";
  private static final int MAX_BATCHES_PER_RUN = 2_000;

  /** The cursor may not pass the oldest batch that has not settled yet. */
  private static final String UPPER_BOUND = "SELECT coalesce(min(xid)::text, ?) FROM ingest_batches"
      + " WHERE xid >= ?::xid8 AND xid < ?::xid8 AND committed_at > now() - make_interval(secs => ?)";
  private static final String NEW_BATCHES = "SELECT array_agg(id), min(ts_min), max(ts_max), max(xid::text::bigint),"
      + " count(*) FROM (SELECT id, ts_min, ts_max, xid FROM ingest_batches WHERE xid >= ?::xid8 AND xid < ?::xid8"
      + " ORDER BY xid LIMIT " + MAX_BATCHES_PER_RUN + ") b";
  private static final String DELTA = "CREATE TEMP TABLE rollup_delta ON COMMIT DROP AS"
      + " SELECT time_bucket('1 minute', x.ts) AS bucket, x.device_id, m.id AS metric_id, min(m.v) AS min,"
      + " max(m.v) AS max, sum(m.v) AS sum, count(*)::integer AS count FROM telemetry x"
      + " CROSS JOIN LATERAL unnest(x.metric_ids, x.vals) AS m(id, v)"
      + " WHERE x.batch_id = ANY(?) AND x.ts >= ? AND x.ts <= ? GROUP BY 1, 2, 3";
  private static final String MERGE = " ON CONFLICT (device_id, metric_id, bucket) DO UPDATE SET"
      + " min = least(r.min, EXCLUDED.min), max = greatest(r.max, EXCLUDED.max), sum = r.sum + EXCLUDED.sum,"
      + " count = r.count + EXCLUDED.count";
  private static final String MINUTES = "INSERT INTO telemetry_1m AS r (bucket, device_id, metric_id, min, max, sum,"
      + " count) SELECT bucket, device_id, metric_id, min, max, sum, count FROM rollup_delta" + MERGE;
  private static final String HOURS = "INSERT INTO telemetry_1h AS r (bucket, device_id, metric_id, min, max, sum,"
      + " count) SELECT time_bucket('1 hour', bucket), device_id, metric_id, min(min), max(max), sum(sum),"
      + " sum(count) FROM rollup_delta GROUP BY 1, 2, 3" + MERGE;

  /**
   * How long after its commit a batch is rolled up. Merging needs no closed minutes; a few seconds
   * only keep a run from chasing the batch being committed right now.
   */
  public static final java.time.Duration DEFAULT_SETTLE = java.time.Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final java.time.Duration settle;

  public RollupJob(DataSource dataSource, java.time.Duration settle) {
    this.dataSource = dataSource;
    this.settle = settle;
  }

  /** One run; returns the number of batches rolled up. */
  public int runOnce() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int done = rollUp(c);
        c.commit();
        return done;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private int rollUp(Connection c) throws SQLException {
    BatchCursor cursor = BatchCursor.lock(c, CURSOR);
    String upper;
    try (PreparedStatement q = c.prepareStatement(UPPER_BOUND)) {
      q.setString(1, cursor.currentHorizon());
      q.setString(2, cursor.horizon());
      q.setString(3, cursor.currentHorizon());
      q.setDouble(4, settle.toMillis() / 1000.0);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        upper = rs.getString(1);
      }
    }
    try (PreparedStatement q = c.prepareStatement(NEW_BATCHES)) {
      q.setString(1, cursor.horizon());
      q.setString(2, upper);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        long count = rs.getLong(5);
        if (count == 0) {
          cursor.advance(c, upper);
          return 0;
        }
        java.sql.Array ids = rs.getArray(1);
        var from = rs.getTimestamp(2);
        var to = rs.getTimestamp(3);
        String next = count < MAX_BATCHES_PER_RUN ? upper : String.valueOf(rs.getLong(4) + 1);
        if (from != null) {
          try (PreparedStatement delta = c.prepareStatement(DELTA)) {
            delta.setArray(1, ids);
            delta.setTimestamp(2, from);
            delta.setTimestamp(3, to);
            delta.execute();
          }
          try (Statement s = c.createStatement()) {
            s.executeUpdate(MINUTES);
            s.executeUpdate(HOURS);
          }
        }
        cursor.advance(c, next);
        return (int) count;
      }
    }
  }
}
