package io.forewarn.simulator.history;

import io.forewarn.simulator.db.RegisteredFleet;
import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.physics.DeviceRuntime;
import io.forewarn.simulator.physics.Reading;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a fleet's simulated history straight into TimescaleDB with binary COPY. Each writer owns
 * every n-th device and walks the window one day at a time across its devices, so consecutive
 * chunks land in the same daily hypertable chunk instead of scattering over 90 of them.
 */
public final class HistoryWriter {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
  private static final Duration STEP = Duration.ofDays(1);

  private final DataSource dataSource;
  private final HistoryConfig config;
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong stepsDone = new AtomicLong();
  private volatile long stepsTotal = 1;

  public HistoryWriter(DataSource dataSource, HistoryConfig config) {
    this.dataSource = dataSource;
    this.config = config;
  }

  /** Rows committed so far (for progress output; safe from any thread). */
  public long rowsWritten() {
    return rowsWritten.get();
  }

  /** Share of the work done, 0 to 1. */
  public double fractionDone() {
    return Math.min(1, stepsDone.get() / (double) stepsTotal);
  }

  /**
   * Fails (IllegalArgumentException: a usage problem) when the fleet already has telemetry in the
   * window, which the unique index would reject half-way; {@code replace} deletes it instead.
   */
  public void prepare(RegisteredFleet ids, Instant start, Instant end) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      String sql = config.replace()
          ? "DELETE FROM telemetry WHERE device_id = ANY(?) AND ts >= ? AND ts < ?"
          : "SELECT count(*) FROM (SELECT 1 FROM telemetry WHERE device_id = ANY(?) AND ts >= ? AND ts < ? LIMIT 1) x";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Integer[] boxed = java.util.Arrays.stream(ids.deviceIds()).boxed().toArray(Integer[]::new);
        ps.setArray(1, c.createArrayOf("integer", boxed));
        ps.setTimestamp(2, Timestamp.from(start));
        ps.setTimestamp(3, Timestamp.from(end));
        if (config.replace()) {
          LOG.info("deleted {} existing telemetry rows of this fleet in the window", ps.executeUpdate());
        } else {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              throw new IllegalArgumentException("this fleet already has telemetry between " + start + " and " + end
                  + "; use --replace to overwrite it, or another --seed");
            }
          }
        }
      }
    }
  }

  public HistoryResult write(Fleet fleet, FaultPlan plan, RegisteredFleet ids, Instant start, Instant end,
      AtomicBoolean stop) throws SQLException, InterruptedException {
    long t0 = System.nanoTime();
    long steps = Math.max(1, (Duration.between(start, end).toMillis() + STEP.toMillis() - 1) / STEP.toMillis());
    stepsTotal = steps * config.writers();
    ExecutorService pool = Executors.newFixedThreadPool(config.writers(), r -> new Thread(r, "history-writer"));
    List<Future<ChunkTotals>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < config.writers(); w++) {
        List<DeviceRuntime> mine = new ArrayList<>();
        for (Device d : fleet.devices()) {
          if (d.index() % config.writers() == w) {
            mine.add(new DeviceRuntime(d, plan.forDevice(d.index()), start.toEpochMilli()));
          }
        }
        futures.add(pool.submit(() -> writeShare(mine, plan, ids, start.toEpochMilli(), end.toEpochMilli(), stop)));
      }
      long rows = 0;
      long batches = 0;
      long statuses = 0;
      for (Future<ChunkTotals> f : futures) {
        ChunkTotals t = f.get();
        rows += t.rows;
        batches += t.batches;
        statuses += t.statuses;
      }
      return new HistoryResult(rows, batches, statuses, Duration.ofNanos(System.nanoTime() - t0), !stop.get());
    } catch (ExecutionException e) {
      stop.set(true);
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException("history writer failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private record ChunkTotals(long rows, long batches, long statuses) {}

  private ChunkTotals writeShare(List<DeviceRuntime> devices, FaultPlan plan, RegisteredFleet ids, long start,
      long end, AtomicBoolean stop) throws SQLException {
    boolean[] offline = new boolean[devices.size()];
    try (ChunkSink sink = new ChunkSink(dataSource.getConnection(), config.chunkRows())) {
      for (long stepEnd = start + STEP.toMillis();; stepEnd += STEP.toMillis()) {
        long until = Math.min(stepEnd, end);
        for (int i = 0; i < devices.size() && !stop.get(); i++) {
          DeviceRuntime rt = devices.get(i);
          int deviceId = ids.deviceId(rt.device().index());
          short[] metricIds = ids.metricIds().get(rt.device().model());
          while (rt.nextTs() < until) {
            long before = sink.rows();
            Reading r = rt.advance();
            if (r.presence() == Reading.Presence.SILENT && !offline[i]) {
              offline[i] = true;
              sink.status(r.epochMillis(), deviceId, false, silenceReason(plan, rt.device(), r.epochMillis()));
            } else if (r.reported()) {
              if (offline[i]) {
                offline[i] = false;
                sink.status(r.epochMillis(), deviceId, true, "reporting again");
              }
              sink.add(r.epochMillis(), deviceId, metricIds, r.values());
            }
            rowsWritten.addAndGet(sink.rows() - before);
          }
        }
        stepsDone.incrementAndGet();
        if (until >= end || stop.get()) {
          break;
        }
      }
      long before = sink.rows();
      sink.flush();
      rowsWritten.addAndGet(sink.rows() - before);
      return new ChunkTotals(sink.rows(), sink.batches(), sink.statusRows());
    }
  }

  private static String silenceReason(FaultPlan plan, Device device, long ts) {
    for (Fault f : plan.forDevice(device.index())) {
      if (f.silentAt(ts)) {
        return "simulated " + f.kind().label();
      }
    }
    return "simulated silence";
  }
}
