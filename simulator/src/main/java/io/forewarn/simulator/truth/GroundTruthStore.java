package io.forewarn.simulator.truth;

import io.forewarn.simulator.db.RegisteredFleet;
import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Writes a run and its faults to {@code sim_runs} / {@code sim_faults} (V2__simulator.sql). */
public final class GroundTruthStore {
  private static final String INSERT_RUN = """
      INSERT INTO sim_runs (run_id, mode, seed, devices, window_start, window_end, settings)
      VALUES (?, ?, ?, ?, ?, ?, ?)""";
  private static final String INSERT_FAULT = """
      INSERT INTO sim_faults (run_id, device_id, fault_kind, onset, failure_at, ends_at, predictable,
        affected_metrics, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String FINISH_RUN = """
      UPDATE sim_runs SET finished_at = now(), samples_sent = ?, summary = ? WHERE run_id = ?""";
  private static final int BATCH = 1000;

  private final DataSource dataSource;

  public GroundTruthStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void record(RunInfo run, FaultPlan plan, RegisteredFleet ids) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT_RUN)) {
        ps.setString(1, run.runId());
        ps.setString(2, run.mode());
        ps.setLong(3, run.seed());
        ps.setInt(4, run.devices());
        ps.setTimestamp(5, Timestamp.from(run.windowStart()));
        ps.setTimestamp(6, Timestamp.from(run.windowEnd()));
        ps.setString(7, run.settings());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(INSERT_FAULT)) {
        int pending = 0;
        for (Fault f : plan.faults()) {
          ps.setString(1, run.runId());
          ps.setInt(2, ids.deviceId(f.deviceIndex()));
          ps.setString(3, f.kind().label());
          ps.setTimestamp(4, Timestamp.from(f.onset()));
          ps.setTimestamp(5, timestamp(f.failureAt()));
          ps.setTimestamp(6, timestamp(f.endsAt()));
          ps.setBoolean(7, f.predictable());
          ps.setArray(8, c.createArrayOf("text", f.affectedMetrics().toArray()));
          ps.setString(9, f.detail());
          ps.addBatch();
          if (++pending == BATCH) {
            ps.executeBatch();
            pending = 0;
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
  }

  public void finish(String runId, long samplesSent, String summary) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH_RUN)) {
      ps.setLong(1, samplesSent);
      ps.setString(2, summary);
      ps.setString(3, runId);
      ps.executeUpdate();
    }
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
