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
 * on {@code ingest_batches.xid}, see V1__telemetry.sql), finds the (device, minute) buckets they
 * touched, and recomputes exactly those buckets and their hours from the raw rows. Late data is
 * therefore rolled up like any other; a recomputation is idempotent. A batch is taken only once it
 * has settled ({@code settle} after its commit), so the minutes it touches are closed and each is
 * computed once rather than at every run while it fills.
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
  private static final String TOUCHED = "CREATE TEMP TABLE rollup_touched ON COMMIT DROP AS"
      + " SELECT DISTINCT device_id, time_bucket('1 minute', ts) AS bucket FROM telemetry"
      + " WHERE batch_id = ANY(?) AND ts >= ? AND ts <= ?";
  private static final String MINUTES = "INSERT INTO telemetry_1m (bucket, device_id, metric_id, min, max, sum, count)"
      + " SELECT t.bucket, t.device_id, m.id, min(m.v), max(m.v), sum(m.v), count(*) FROM rollup_touched t"
      + " JOIN telemetry x ON x.device_id = t.device_id AND x.ts >= t.bucket AND x.ts < t.bucket + interval '1 minute'"
      + " CROSS JOIN LATERAL unnest(x.metric_ids, x.vals) AS m(id, v) GROUP BY 1, 2, 3"
      + " ON CONFLICT (device_id, metric_id, bucket) DO UPDATE SET min = EXCLUDED.min, max = EXCLUDED.max,"
      + " sum = EXCLUDED.sum, count = EXCLUDED.count";
  private static final String HOURS = "INSERT INTO telemetry_1h (bucket, device_id, metric_id, min, max, sum, count)"
      + " SELECT h.hour, h.device_id, m.metric_id, min(m.min), max(m.max), sum(m.sum), sum(m.count)"
      + " FROM (SELECT DISTINCT device_id, time_bucket('1 hour', bucket) AS hour FROM rollup_touched) h"
      + " JOIN telemetry_1m m ON m.device_id = h.device_id AND m.bucket >= h.hour AND m.bucket < h.hour + interval '1 hour'"
      + " GROUP BY 1, 2, 3 ON CONFLICT (device_id, metric_id, bucket) DO UPDATE SET min = EXCLUDED.min,"
      + " max = EXCLUDED.max, sum = EXCLUDED.sum, count = EXCLUDED.count";

  /** How long after its commit a batch is rolled up: its minutes are closed by then. */
  public static final java.time.Duration DEFAULT_SETTLE = java.time.Duration.ofSeconds(70);

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
          try (PreparedStatement touched = c.prepareStatement(TOUCHED)) {
            touched.setArray(1, ids);
            touched.setTimestamp(2, from);
            touched.setTimestamp(3, to);
            touched.execute();
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
