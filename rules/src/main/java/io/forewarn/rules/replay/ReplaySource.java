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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Reads a stored history and its ground truth for a replay (read-only). */
public final class ReplaySource {
  private static final int BATCH = 4_096;
  private static final int PREFETCH_BATCHES = 16;
  /** End-of-stream marker on the prefetch queue (compared by identity). */
  private static final List<SampleEvent> END = new ArrayList<>();
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
    try (
        PreparedStatement q = connection
            .prepareStatement("SELECT d.id, d.external_id, d.customer_id, d.model, d.firmware,"
                + " d.region, d.site, c.time_zone FROM devices d LEFT JOIN customers c ON c.id = d.customer_id"
                + " WHERE d.registered_by = 'simulator' AND d.model IS NOT NULL ORDER BY d.id");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        long customer = rs.getLong(3);
        out.add(new DeviceInfo(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : customer, rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), DeviceInfo.zoneOrUtc(rs.getString(8))));
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
    // Reading and decoding rows takes about as long as judging them: a reader thread fetches and decodes
    // batches while this thread runs the rules, so a replay uses two cores.
    BlockingQueue<List<SampleEvent>> batches = new ArrayBlockingQueue<>(PREFETCH_BATCHES);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean cancelled = new AtomicBoolean();
    Thread reader = Thread.ofPlatform().name("replay-reader").daemon().start(() -> {
      try {
        readTelemetry(from, to, metricNames, batches, cancelled);
      } catch (Throwable t) {
        failure.set(t);
      } finally {
        putQuietly(batches, END, cancelled);
      }
    });
    int next = 0;
    try {
      for (List<SampleEvent> batch = batches.take(); batch != END; batch = batches.take()) {
        for (SampleEvent e : batch) {
          while (next < statuses.size() && statuses.get(next).ts() <= e.ts()) {
            sink.accept(statuses.get(next++));
          }
          sink.accept(e);
        }
      }
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("replay interrupted", e);
    } finally {
      cancelled.set(true);
      batches.clear();
    }
    if (failure.get() != null) {
      throw failure.get() instanceof SQLException se ? se : new SQLException("reading telemetry failed", failure.get());
    }
    while (next < statuses.size()) {
      sink.accept(statuses.get(next++));
    }
  }

  private void readTelemetry(Instant from, Instant to, Map<Integer, String> metricNames,
      BlockingQueue<List<SampleEvent>> out, AtomicBoolean cancelled) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false); // pgjdbc streams with a cursor only inside a transaction
    try (PreparedStatement q = connection.prepareStatement(
        "SELECT ts, device_id, metric_ids, vals FROM telemetry WHERE ts >= ? AND ts <= ? ORDER BY ts")) {
      q.setFetchSize(20_000);
      q.setTimestamp(1, Timestamp.from(from));
      q.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = q.executeQuery()) {
        List<SampleEvent> batch = new ArrayList<>(BATCH);
        while (rs.next() && !cancelled.get()) {
          batch.add(new SampleEvent(rs.getTimestamp(1).getTime(), rs.getInt(2),
              values(rs.getArray(3), rs.getArray(4), metricNames)));
          if (batch.size() == BATCH) {
            putQuietly(out, batch, cancelled);
            batch = new ArrayList<>(BATCH);
          }
        }
        if (!batch.isEmpty()) {
          putQuietly(out, batch, cancelled);
        }
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Blocks until the consumer takes the item, or gives up once it has stopped (cancelled). */
  private static void putQuietly(BlockingQueue<List<SampleEvent>> q, List<SampleEvent> item, AtomicBoolean cancelled) {
    try {
      while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (cancelled.get()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
