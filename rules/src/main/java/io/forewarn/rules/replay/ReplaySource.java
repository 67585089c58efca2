package io.forewarn.rules.replay;

import io.forewarn.rules.engine.DeviceInfo;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a stored history and its ground truth for a replay (read-only). */
public final class ReplaySource {
  /** One stored sample or status change, in time order. */
  public sealed interface Event {
    long ts();
  }

  public record SampleEvent(long ts, int deviceId, Map<String, Double> values) implements Event {}

  public record StatusEvent(long ts, int deviceId, boolean online) implements Event {}

  public interface EventSink {
    void accept(Event e);
  }

  public record Run(String runId, Instant windowStart, Instant windowEnd) {}

  private final Connection connection;

  public ReplaySource(Connection connection) {
    this.connection = connection;
  }

  public Run run(String runId) throws SQLException {
    String sql = runId == null
        ? "SELECT run_id, window_start, window_end FROM sim_runs ORDER BY started_at DESC LIMIT 1"
        : "SELECT run_id, window_start, window_end FROM sim_runs WHERE run_id = ?";
    try (PreparedStatement q = connection.prepareStatement(sql)) {
      if (runId != null) {
        q.setString(1, runId);
      }
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no simulator run " + (runId == null ? "at all" : runId));
        }
        return new Run(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant());
      }
    }
  }

  public List<DeviceInfo> devicesOf(String runId) throws SQLException {
    // The devices of a run are the simulator's; sim_runs.devices counts them from the first one.
    List<DeviceInfo> out = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT id, external_id, customer_id, model, firmware,"
        + " region, site FROM devices WHERE registered_by = 'simulator' AND model IS NOT NULL ORDER BY id");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        long customer = rs.getLong(3);
        out.add(new DeviceInfo(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : customer, rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7)));
      }
    }
    return out;
  }

  public List<Fault> faults(String runId) throws SQLException {
    List<Fault> out = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT device_id, fault_kind, onset, failure_at, ends_at,"
        + " predictable, detail FROM sim_faults WHERE run_id = ?")) {
      q.setString(1, runId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new Fault(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4)),
              instant(rs.getTimestamp(5)), rs.getBoolean(6), rs.getString(7)));
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** Streams samples and status changes of [from, to] in time order (status first at equal ts). */
  public void stream(Instant from, Instant to, EventSink sink) throws SQLException {
    Map<Integer, String> metricNames = new HashMap<>();
    try (PreparedStatement q = connection.prepareStatement("SELECT id, name FROM metrics");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        metricNames.put(rs.getInt(1), rs.getString(2));
      }
    }
    List<StatusEvent> statuses = new ArrayList<>();
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT ts, device_id, online FROM device_status WHERE ts >= ? AND ts <= ? ORDER BY ts")) {
      q.setTimestamp(1, Timestamp.from(from));
      q.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          statuses.add(new StatusEvent(rs.getTimestamp(1).getTime(), rs.getInt(2), rs.getBoolean(3)));
        }
      }
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
    int next = 0;
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT ts, device_id, metric_ids, vals FROM telemetry WHERE ts >= ? AND ts <= ? ORDER BY ts")) {
      q.setFetchSize(20_000);
      q.setTimestamp(1, Timestamp.from(from));
      q.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long ts = rs.getTimestamp(1).getTime();
          while (next < statuses.size() && statuses.get(next).ts() <= ts) {
            sink.accept(statuses.get(next++));
          }
          sink.accept(new SampleEvent(ts, rs.getInt(2), values(rs.getArray(3), rs.getArray(4), metricNames)));
        }
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
    while (next < statuses.size()) {
      sink.accept(statuses.get(next++));
    }
  }

  static Map<String, Double> values(Array ids, Array vals, Map<Integer, String> names) throws SQLException {
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
