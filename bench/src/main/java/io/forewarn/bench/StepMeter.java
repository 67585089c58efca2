package io.forewarn.bench;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Called after each load step has been acknowledged by the broker: waits for the gateway to commit
 * everything, counts the step's rows, reads latency from the database and CPU from /proc.
 */
final class StepMeter {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(180);

  private final String system;
  private final TestDatabase db;
  private final TestMosquitto broker;
  private final List<Long> gatewayPids;
  private List<Long> dbPids;
  private long published;
  private boolean warmedUp;
  private double[] cpuMark;
  private long wallMark;

  StepMeter(String system, TestDatabase db, TestMosquitto broker, List<Long> gatewayPids) {
    this.system = system;
    this.db = db;
    this.broker = broker;
    this.gatewayPids = gatewayPids;
    this.dbPids = ProcessStats.postgresPids();
  }

  void mark() {
    // Backends come and go (the gateway's writer connects lazily): list them at each step start.
    dbPids = ProcessStats.postgresPids();
    cpuMark = cpu();
    wallMark = System.nanoTime();
  }

  /** Returns the step's figures, or null for the warm-up step. */
  StepResult measure(io.forewarn.simulator.load.StepResult step) {
    double seconds = (System.nanoTime() - wallMark) / 1e9;
    double[] cpu = cpu();
    double rss = ProcessStats.rssMiB(gatewayPids);
    published += step.sent();
    long drainStart = System.nanoTime();
    try {
      awaitStored(published);
      double drain = (System.nanoTime() - drainStart) / 1e9;
      // Payload timestamps have millisecond precision: the step's first messages carry its start millisecond.
      Instant from = step.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      Instant to = Instant.now();
      if (!warmedUp) {
        warmedUp = true;
        mark();
        return null;
      }
      long stored = countRows(from, to);
      long duplicates = storedRows()[1];
      double[] latency = latencyMs(from, to);
      StepResult r = new StepResult(system, (int) step.targetRate(), step.duration().toMillis() / 1000.0, step.sent(),
          step.acked(), stored, duplicates, drain, latency[0], latency[1], latency[2],
          100 * (cpu[0] - cpuMark[0]) / seconds, 100 * (cpu[1] - cpuMark[1]) / seconds,
          100 * (cpu[2] - cpuMark[2]) / seconds, 100 * (cpu[3] - cpuMark[3]) / seconds, rss);
      mark();
      return r;
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException("measuring step at " + step.targetRate() + " msg/s failed", e);
    }
  }

  private double[] cpu() {
    return new double[] {ProcessStats.cpuSeconds(gatewayPids), ProcessStats.cpuSeconds(List.of(broker.pid())),
        ProcessStats.cpuSeconds(dbPids), ProcessStats.cpuSeconds(List.of(ProcessHandle.current().pid()))};
  }

  /** Sum of rows stored and skipped as duplicates, from the ingest log (cheap to poll). */
  private long[] storedRows() throws SQLException {
    try (Connection c = db.connect(); var s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(sum(rows_stored),0), coalesce(sum(rows_duplicate),0)"
            + " FROM ingest_batches")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private void awaitStored(long expected) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (storedRows()[0] < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /** The zero-loss check: rows actually in the hypertable for the step's publish window. */
  private long countRows(Instant from, Instant to) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM telemetry WHERE ts >= ? AND ts < ?")) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Publish (the payload ts) → commit of the batch holding the row: p50, p99, max in ms. */
  private double[] latencyMs(Instant from, Instant to) throws SQLException {
    String sql = "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l), percentile_cont(0.99) WITHIN GROUP"
        + " (ORDER BY l), max(l) FROM (SELECT extract(epoch FROM b.committed_at - t.ts) * 1000 AS l"
        + " FROM telemetry t JOIN ingest_batches b ON b.id = t.batch_id WHERE t.ts >= ? AND t.ts < ?) x";
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
      }
    }
  }
}
