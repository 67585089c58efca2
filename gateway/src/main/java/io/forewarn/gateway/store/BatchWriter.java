package io.forewarn.gateway.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of one batch transaction: the telemetry rows by binary COPY, then status changes,
 * rejects and the ingest log. Blocking; runs on the store's single writer thread, which is what
 * makes the {@code direct} flag safe.
 *
 * <p>Two ways in for the telemetry rows. <b>Direct</b>: COPY straight into the hypertable. A
 * redelivered message (after a gateway or broker restart) hits the unique index, the transaction
 * rolls back and the batch goes the <b>deduplicating</b> way: COPY into a session-local staging
 * table, then {@code INSERT … SELECT … ON CONFLICT DO NOTHING}, which skips and counts what is
 * already stored. Batches stay on that way until one has no duplicates (redeliveries come as a
 * run of up to the receive maximum), then go direct again. Direct writes each row once instead of
 * twice, which is most of the database's share of ingest (docs/benchmarks.md).
 */
final class BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
  static final String STAGING_DDL = "CREATE TEMP TABLE IF NOT EXISTS ingest_staging ("
      + "ts timestamptz, device_id integer, metric_ids smallint[], vals double precision[], batch_id bigint,"
      + " receive_time boolean) ON COMMIT DELETE ROWS";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COPY_DIRECT = "COPY telemetry " + BinaryCopy.COLUMNS + " FROM STDIN (FORMAT binary)";
  private static final String COPY_STAGING = "COPY ingest_staging " + BinaryCopy.COLUMNS
      + " FROM STDIN (FORMAT binary)";
  private static final String INSERT_TELEMETRY = "INSERT INTO telemetry " + BinaryCopy.COLUMNS
      + " SELECT * FROM ingest_staging ON CONFLICT DO NOTHING";
  private static final String INSERT_STATUS = "INSERT INTO device_status (ts, device_id, online, reason, batch_id)"
      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  private static final String UPDATE_ONLINE = "UPDATE devices SET online = ?, status_changed_at = ?"
      + " WHERE id = ? AND (status_changed_at IS NULL OR status_changed_at <= ?)";
  private static final String INSERT_REJECT = "INSERT INTO rejected_messages (received_at, topic,"
      + " device_external_id, reason, detail, partial, payload_size, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LOG_BATCH = "WITH b AS (INSERT INTO ingest_batches (id, gateway, messages, rows_stored,"
      + " rows_duplicate, rejected, ts_min, ts_max) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id)"
      + " SELECT pg_notify('forewarn_ingest', id::text) FROM b";
  private static final String UPDATE_LAST_SEEN = "UPDATE devices d SET last_seen_at = v.ts"
      + " FROM unnest(?::integer[], ?::timestamptz[]) AS v(id, ts)"
      + " WHERE d.id = v.id AND (d.last_seen_at IS NULL OR d.last_seen_at < v.ts)";

  private final String gatewayName;
  private boolean direct = true;

  BatchWriter(String gatewayName) {
    this.gatewayName = gatewayName;
  }

  /** Writes the plan in one transaction and returns the rows actually inserted. */
  WriteResult.Stored write(Connection c, BatchPlan plan, Map<Integer, Instant> lastSeen) throws SQLException {
    if (direct && plan.rows() > 0) {
      try {
        return write(c, plan, lastSeen, true);
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        LOG.info("batch of {} rows meets rows already stored (redelivery); deduplicating until a batch is clean",
            plan.rows());
        direct = false;
      }
    }
    WriteResult.Stored stored = write(c, plan, lastSeen, false);
    if (!direct && stored.rowsDuplicate() == 0 && plan.rows() > 0) {
      LOG.info("batch without duplicates; writing directly again");
      direct = true;
    }
    return stored;
  }

  private WriteResult.Stored write(Connection c, BatchPlan plan, Map<Integer, Instant> lastSeen, boolean direct)
      throws SQLException {
    c.setAutoCommit(false);
    try {
      long batchId = nextBatchId(c);
      int inserted = plan.rows() == 0 ? 0 : copyTelemetry(c, plan, batchId, direct);
      writeStatuses(c, plan, batchId);
      writeRejects(c, plan);
      if (!lastSeen.isEmpty()) {
        updateLastSeen(c, lastSeen);
      }
      logBatch(c, plan, batchId, inserted);
      c.commit();
      return new WriteResult.Stored(batchId, plan.messages, inserted, plan.rows() - inserted, plan.rejects.size());
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(c);
      throw e;
    }
  }

  private static long nextBatchId(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('ingest_batch_seq')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int copyTelemetry(Connection c, BatchPlan plan, long batchId, boolean direct) throws SQLException {
    byte[] rows = BinaryCopy.encode(plan.telemetry, batchId);
    CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(direct ? COPY_DIRECT : COPY_STAGING);
    try {
      copy.writeToCopy(rows, 0, rows.length);
      long copied = copy.endCopy();
      if (direct) {
        return Math.toIntExact(copied);
      }
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    try (Statement insert = c.createStatement()) {
      return insert.executeUpdate(INSERT_TELEMETRY);
    }
  }

  private static void writeStatuses(Connection c, BatchPlan plan, long batchId) throws SQLException {
    if (plan.statuses.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(INSERT_STATUS);
        PreparedStatement update = c.prepareStatement(UPDATE_ONLINE)) {
      for (BatchPlan.StatusRow s : plan.statuses) {
        Timestamp ts = Timestamp.from(s.ts());
        insert.setTimestamp(1, ts);
        insert.setInt(2, s.deviceId());
        insert.setBoolean(3, s.online());
        insert.setString(4, TextSafety.clean(s.reason()));
        insert.setLong(5, batchId);
        insert.addBatch();
        update.setBoolean(1, s.online());
        update.setTimestamp(2, ts);
        update.setInt(3, s.deviceId());
        update.setTimestamp(4, ts);
        update.addBatch();
      }
      insert.executeBatch();
      update.executeBatch();
    }
  }

  private static void writeRejects(Connection c, BatchPlan plan) throws SQLException {
    if (plan.rejects.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement(INSERT_REJECT)) {
      for (BatchPlan.RejectRow r : plan.rejects) {
        insert.setTimestamp(1, Timestamp.from(r.receivedAt()));
        insert.setString(2, TextSafety.clean(r.topic()));
        insert.setString(3, TextSafety.clean(r.device()));
        insert.setString(4, r.reason().code());
        insert.setString(5, TextSafety.clean(r.detail()));
        insert.setBoolean(6, r.partial());
        insert.setInt(7, r.payloadSize());
        insert.setBytes(8, r.payload());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void updateLastSeen(Connection c, Map<Integer, Instant> lastSeen) throws SQLException {
    Integer[] ids = new Integer[lastSeen.size()];
    Timestamp[] times = new Timestamp[lastSeen.size()];
    int i = 0;
    for (var e : lastSeen.entrySet()) {
      ids[i] = e.getKey();
      times[i++] = Timestamp.from(e.getValue());
    }
    try (PreparedStatement update = c.prepareStatement(UPDATE_LAST_SEEN)) {
      Array idArray = c.createArrayOf("integer", ids);
      Array tsArray = c.createArrayOf("timestamptz", times);
      update.setArray(1, idArray);
      update.setArray(2, tsArray);
      update.executeUpdate();
    }
  }

  private void logBatch(Connection c, BatchPlan plan, long batchId, int inserted) throws SQLException {
    try (PreparedStatement log = c.prepareStatement(LOG_BATCH)) {
      log.setLong(1, batchId);
      log.setString(2, gatewayName);
      log.setInt(3, plan.messages);
      log.setInt(4, inserted);
      log.setInt(5, plan.rows() - inserted);
      log.setInt(6, plan.rejects.size());
      log.setTimestamp(7, plan.tsMin == null ? null : Timestamp.from(plan.tsMin));
      log.setTimestamp(8, plan.tsMax == null ? null : Timestamp.from(plan.tsMax));
      log.executeQuery().close();
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the caller discards it.
    }
  }
}
