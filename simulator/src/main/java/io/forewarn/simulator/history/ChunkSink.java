package io.forewarn.simulator.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One writer's connection: fills a COPY buffer under a batch id from {@code ingest_batch_seq} and
 * commits it with its {@code ingest_batches} row (and any status changes) in one transaction, so
 * readers that follow ingest batches see simulated history exactly like ingested data.
 */
final class ChunkSink implements AutoCloseable {
  static final String GATEWAY = "simulator-history";
  private static final String INSERT_BATCH = """
      INSERT INTO ingest_batches (id, gateway, messages, rows_stored, rows_duplicate, rejected, ts_min, ts_max)
      VALUES (?, ?, ?, ?, 0, 0, ?, ?)""";
  private static final String INSERT_STATUS = "INSERT INTO device_status (ts, device_id, online, reason, batch_id) VALUES (?, ?, ?, ?, ?)";

  private record StatusRow(long epochMillis, int deviceId, boolean online, String reason) {}

  private final Connection connection;
  private final int chunkRows;
  private final TelemetryCopyBuffer buffer;
  private final List<StatusRow> statuses = new ArrayList<>();
  private long batchId;
  private long rows;
  private long batches;
  private long statusRows;

  ChunkSink(Connection connection, int chunkRows) throws SQLException {
    this.connection = connection;
    this.chunkRows = chunkRows;
    this.buffer = new TelemetryCopyBuffer(Math.min(chunkRows, 100_000) * 160);
    connection.setAutoCommit(false);
    this.batchId = nextBatchId();
  }

  void add(long epochMillis, int deviceId, short[] metricIds, double[] values) throws SQLException {
    buffer.add(epochMillis, deviceId, metricIds, values, batchId);
    if (buffer.rows() >= chunkRows) {
      flush();
    }
  }

  void status(long epochMillis, int deviceId, boolean online, String reason) {
    statuses.add(new StatusRow(epochMillis, deviceId, online, reason));
  }

  void flush() throws SQLException {
    if (buffer.rows() == 0 && statuses.isEmpty()) {
      return;
    }
    int chunk = buffer.rows();
    if (chunk > 0) {
      buffer.finish();
      CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(TelemetryCopyBuffer.COPY_SQL);
      copy.writeToCopy(buffer.bytes(), 0, buffer.length());
      copy.endCopy();
    }
    if (!statuses.isEmpty()) {
      try (PreparedStatement ps = connection.prepareStatement(INSERT_STATUS)) {
        for (StatusRow s : statuses) {
          ps.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(s.epochMillis())));
          ps.setInt(2, s.deviceId());
          ps.setBoolean(3, s.online());
          ps.setString(4, s.reason());
          ps.setLong(5, batchId);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(INSERT_BATCH)) {
      ps.setLong(1, batchId);
      ps.setString(2, GATEWAY);
      ps.setInt(3, chunk);
      ps.setInt(4, chunk);
      ps.setTimestamp(5, chunk == 0 ? null : Timestamp.from(Instant.ofEpochMilli(buffer.tsMin())));
      ps.setTimestamp(6, chunk == 0 ? null : Timestamp.from(Instant.ofEpochMilli(buffer.tsMax())));
      ps.executeUpdate();
    }
    connection.commit();
    rows += chunk;
    statusRows += statuses.size();
    batches++;
    statuses.clear();
    buffer.reset();
    batchId = nextBatchId();
  }

  long rows() {
    return rows;
  }

  long batches() {
    return batches;
  }

  long statusRows() {
    return statusRows;
  }

  private long nextBatchId() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT nextval('ingest_batch_seq')")) {
      rs.next();
      long id = rs.getLong(1);
      connection.commit();
      return id;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } finally {
      connection.close();
    }
  }
}
