package io.forewarn.rules.store;

import io.forewarn.common.db.BatchCursor;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.engine.Transition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the rows of new batches (via telemetry.batch_id) and feeds them to the engine in time order. */
final class IngestBatch {
  static final int MAX_BATCHES = 200;
  private static final String NEW_BATCHES = "SELECT id, xid::text, gateway, committed_at FROM ingest_batches"
      + " WHERE xid >= ?::xid8 AND xid < ?::xid8 ORDER BY xid LIMIT " + MAX_BATCHES;

  record Batch(long id, String xid, String gateway, Instant committedAt) {}

  private record Row(long ts, int deviceId, Map<String, Double> values, Boolean online) {}

  private IngestBatch() {}

  static List<Batch> newBatches(Connection c, BatchCursor cursor) throws SQLException {
    List<Batch> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(NEW_BATCHES)) {
      q.setString(1, cursor.horizon());
      q.setString(2, cursor.currentHorizon());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new Batch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
        }
      }
    }
    return out;
  }

  /** Feeds samples and status changes of the given batches; returns the transitions and the points read. */
  static int feed(Connection c, Long[] batchIds, Map<Integer, String> metricNames, Engine engine,
      List<Transition> out) throws SQLException {
    List<Row> rows = new ArrayList<>();
    Array ids = c.createArrayOf("bigint", batchIds);
    try (PreparedStatement q = c.prepareStatement(
        "SELECT ts, device_id, metric_ids, vals FROM telemetry WHERE batch_id = ANY(?)")) {
      q.setArray(1, ids);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(rs.getTimestamp(1).getTime(), rs.getInt(2), values(rs.getArray(3), rs.getArray(4), metricNames),
                  null));
        }
      }
    }
    try (PreparedStatement q = c
        .prepareStatement("SELECT ts, device_id, online FROM device_status WHERE batch_id = ANY(?)")) {
      q.setArray(1, ids);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getTimestamp(1).getTime(), rs.getInt(2), null, rs.getBoolean(3)));
        }
      }
    }
    rows.sort(Comparator.comparingLong(Row::ts));
    for (Row r : rows) {
      out.addAll(r.online() == null ? engine.onSample(r.deviceId(), r.ts(), r.values())
          : engine.onStatus(r.deviceId(), r.ts(), r.online()));
    }
    return rows.size();
  }

  private static Map<String, Double> values(Array ids, Array vals, Map<Integer, String> names) throws SQLException {
    Object[] i = (Object[]) ids.getArray();
    Object[] v = (Object[]) vals.getArray();
    Map<String, Double> out = new HashMap<>(i.length * 2);
    for (int k = 0; k < i.length; k++) {
      String name = names.get(((Number) i[k]).intValue());
      if (name != null && v[k] != null) {
        out.put(name, ((Number) v[k]).doubleValue());
      }
    }
    return out;
  }
}
