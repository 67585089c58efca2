package io.forewarn.gateway.maintenance;

import io.forewarn.common.db.BatchCursor;
import io.forewarn.common.db.PgBinaryCopy;
import io.forewarn.gateway.store.TelemetryRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.PGCopyInputStream;

/**
 * Keeps {@code telemetry_1m} and {@code telemetry_1h} up to date incrementally (the Apache edition
 * has no continuous aggregates). Each run takes the batches committed since the last run (cursor
 * on {@code ingest_batches.xid}, see V1__telemetry.sql), aggregates only their rows, once, into a
 * per-minute delta, and merges that delta into both roll-ups: min and max by least/greatest, sum and
 * count by addition. Those four are mergeable, and the cursor advances in the same transaction as
 * the merge, so every stored row is counted exactly once: late data is rolled up like any other, and
 * a redelivered duplicate (never stored) is not. Recomputing every touched minute and hour from the
 * raw rows instead read each raw row about twice and every minute row of the current hour at every
 * run (docs/benchmarks.md). The delta itself is computed in the JVM ({@link MinuteDelta}), from the
 * rows this gateway just wrote ({@link RecentBatches}) or, for the others, the raw rows read back by
 * binary COPY; PostgreSQL only merges it.
 */
public final class RollupJob {
  static final String CURSOR = "rollup";
  private static final int MAX_BATCHES_PER_RUN = 2_000;

  /** The cursor may not pass the oldest batch that has not settled yet. */
  private static final String UPPER_BOUND = "SELECT coalesce(min(xid)::text, ?) FROM ingest_batches"
      + " WHERE xid >= ?::xid8 AND xid < ?::xid8 AND committed_at > now() - make_interval(secs => ?)";
  private static final String NEW_BATCHES = "SELECT array_agg(id ORDER BY xid), array_agg(rows_stored ORDER BY xid),"
      + " min(ts_min), max(ts_max), max(xid::text::bigint), count(*) FROM (SELECT id, rows_stored, ts_min, ts_max, xid"
      + " FROM ingest_batches WHERE xid >= ?::xid8 AND xid < ?::xid8 ORDER BY xid LIMIT " + MAX_BATCHES_PER_RUN + ") b";
  private static final String DELTA_TABLE = "CREATE TEMP TABLE rollup_delta (bucket timestamptz, device_id integer,"
      + " metric_id smallint, min double precision, max double precision, sum double precision, count integer)"
      + " ON COMMIT DROP";
  private static final String DELTA_COPY = "COPY rollup_delta FROM STDIN";
  /** Partial deltas (see {@link #DEFAULT_FLUSH_GROUPS}) may hold a group more than once: merge them first. */
  private static final String DELTA_GROUPED = "SELECT bucket, device_id, metric_id, min(min) AS min, max(max) AS max,"
      + " sum(sum) AS sum, sum(count) AS count FROM rollup_delta GROUP BY 1, 2, 3";
  private static final String MERGE = " ON CONFLICT (device_id, metric_id, bucket) DO UPDATE SET"
      + " min = least(r.min, EXCLUDED.min), max = greatest(r.max, EXCLUDED.max), sum = r.sum + EXCLUDED.sum,"
      + " count = r.count + EXCLUDED.count";
  private static final String MINUTES = "INSERT INTO telemetry_1m AS r (bucket, device_id, metric_id, min, max, sum,"
      + " count) " + DELTA_GROUPED + MERGE;
  private static final String HOURS = "INSERT INTO telemetry_1h AS r (bucket, device_id, metric_id, min, max, sum,"
      + " count) SELECT time_bucket('1 hour', bucket), device_id, metric_id, min(min), max(max), sum(sum),"
      + " sum(count) FROM rollup_delta GROUP BY 1, 2, 3" + MERGE;
  /** Raw rows read per COPY: bounds what one read adds to the delta in memory. */
  private static final int DEFAULT_ROWS_PER_COPY = 100_000;
  /** Groups held in memory before they go to the temporary table (~50 bytes each). */
  private static final int DEFAULT_FLUSH_GROUPS = 500_000;

  /**
   * How long after its commit a batch is rolled up. Merging needs no closed minutes; a few seconds
   * only keep a run from chasing the batch being committed right now.
   */
  public static final java.time.Duration DEFAULT_SETTLE = java.time.Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final java.time.Duration settle;
  private final int rowsPerCopy;
  private final int flushGroups;
  private final RecentBatches recent;
  /** Rows aggregated from memory and read back, since the start (only the roll-up's thread writes them). */
  private volatile long rowsFromMemory;
  private volatile long rowsReadBack;

  public RollupJob(DataSource dataSource, java.time.Duration settle, RecentBatches recent) {
    this(dataSource, settle, recent, DEFAULT_ROWS_PER_COPY, DEFAULT_FLUSH_GROUPS);
  }

  /** With smaller read and memory bounds, so a test can make one run read and flush in parts. */
  public RollupJob(DataSource dataSource, java.time.Duration settle, RecentBatches recent, int rowsPerCopy,
      int flushGroups) {
    if (rowsPerCopy < 1 || flushGroups < 1) {
      throw new IllegalArgumentException("rowsPerCopy and flushGroups must be positive");
    }
    this.dataSource = dataSource;
    this.settle = settle;
    this.rowsPerCopy = rowsPerCopy;
    this.flushGroups = flushGroups;
    this.recent = recent;
  }

  public long rowsFromMemory() {
    return rowsFromMemory;
  }

  public long rowsReadBack() {
    return rowsReadBack;
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
        long count = rs.getLong(6);
        if (count == 0) {
          cursor.advance(c, upper);
          return 0;
        }
        Long[] ids = (Long[]) rs.getArray(1).getArray();
        Integer[] rows = (Integer[]) rs.getArray(2).getArray();
        Timestamp from = rs.getTimestamp(3);
        Timestamp to = rs.getTimestamp(4);
        String next = count < MAX_BATCHES_PER_RUN ? upper : String.valueOf(rs.getLong(5) + 1);
        if (from != null) {
          mergeDelta(c, ids, rows, from.toInstant(), to.toInstant());
        }
        cursor.advance(c, next);
        return (int) count;
      }
    }
  }

  /**
   * Aggregates the batches' rows in the JVM, from {@link RecentBatches} where this gateway still holds
   * them, otherwise read back by binary COPY {@code rowsPerCopy} at a time, and merges the result
   * into both roll-ups.
   */
  private void mergeDelta(Connection c, Long[] ids, Integer[] rows, Instant from, Instant to)
      throws SQLException {
    CopyManager copies = c.unwrap(PGConnection.class).getCopyAPI();
    try (Statement s = c.createStatement()) {
      s.execute(DELTA_TABLE);
    }
    MinuteDelta delta = new MinuteDelta();
    List<Long> readBackIds = new ArrayList<>();
    List<Integer> readBackRows = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      List<TelemetryRow> kept = recent.take(ids[i]);
      if (kept == null) {
        readBackIds.add(ids[i]);
        readBackRows.add(rows[i]);
        continue;
      }
      for (TelemetryRow row : kept) {
        delta.add(row.tsMicros() - PgBinaryCopy.PG_EPOCH_OFFSET_MICROS, row.deviceId(), row.metricIds(),
            row.values(), row.metricIds().length);
      }
      rowsFromMemory += kept.size();
      flushIfFull(copies, delta);
    }
    readBack(copies, readBackIds, readBackRows, from, to, delta);
    flush(copies, delta);
    try (Statement s = c.createStatement()) {
      s.executeUpdate(MINUTES);
      s.executeUpdate(HOURS);
    }
  }

  /** Reads the rows of {@code ids} by binary COPY into {@code delta}, {@code rowsPerCopy} at a time. */
  private void readBack(CopyManager copies, List<Long> ids, List<Integer> rows, Instant from, Instant to,
      MinuteDelta delta) throws SQLException {
    RawRowReader reader = new RawRowReader();
    int first = 0;
    while (first < ids.size()) {
      int end = first;
      long budget = 0;
      do {
        budget += rows.get(end);
        end++;
      } while (end < ids.size() && budget + rows.get(end) <= rowsPerCopy);
      try (InputStream raw = new PGCopyInputStream(copies.copyOut(rawRows(ids.subList(first, end), from, to)))) {
        rowsReadBack += reader.readInto(raw, delta);
      } catch (IOException e) {
        throw new SQLException("roll-up: raw rows could not be read: " + e.getMessage(), e);
      }
      flushIfFull(copies, delta);
      first = end;
    }
  }

  private void flushIfFull(CopyManager copies, MinuteDelta delta) throws SQLException {
    if (delta.size() >= flushGroups) {
      flush(copies, delta);
    }
  }

  private static void flush(CopyManager copies, MinuteDelta delta) throws SQLException {
    if (delta.isEmpty()) {
      return;
    }
    try {
      copies.copyIn(DELTA_COPY, new ByteArrayInputStream(delta.toCopyText()), 1 << 16);
    } catch (IOException e) {
      throw new SQLException("roll-up: delta could not be copied: " + e.getMessage(), e);
    }
    delta.clear();
  }

  /**
   * COPY takes no bind parameters: the batch ids are numbers and the bounds are formatted here from
   * {@link Instant}s, so nothing outside this class reaches the SQL text.
   */
  private static String rawRows(List<Long> ids, Instant tsMin, Instant tsMax) {
    StringJoiner list = new StringJoiner(",", "'{", "}'::bigint[]");
    ids.forEach(id -> list.add(Long.toString(id)));
    return "COPY (SELECT ts, device_id, metric_ids, vals FROM telemetry WHERE batch_id = ANY(" + list
        + ") AND ts >= '" + tsMin + "'::timestamptz AND ts <= '" + tsMax + "'::timestamptz) TO STDOUT (FORMAT binary)";
  }
}
