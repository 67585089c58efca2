package io.forewarn.simulator.app;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.simulator.db.FleetRegistry;
import io.forewarn.simulator.db.RegisteredFleet;
import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.truth.GroundTruthFile;
import io.forewarn.simulator.truth.GroundTruthStore;
import io.forewarn.simulator.truth.RunInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The database side of a simulating run: migrates the schema, registers the fleet, stores the
 * ground truth (table and file) and, at the end, the run's totals. {@code dataSource} is null when
 * the run was asked not to touch the database (then only the file is written).
 */
final class TruthRecorder implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final PrintStream out;
  private RegisteredFleet ids;

  TruthRecorder(String dbUrl, int poolSize, PrintStream out) {
    this.out = out;
    this.dataSource = dbUrl == null ? null : Database.pool(dbUrl, poolSize, "forewarn-simulator");
    if (dataSource != null) {
      Database.migrate(dataSource);
    }
  }

  HikariDataSource dataSource() {
    return dataSource;
  }

  RegisteredFleet ids() {
    return ids;
  }

  /** Registers customers, devices and metrics (idempotent); a no-op without a database. */
  void register(Fleet fleet) throws SQLException {
    if (dataSource != null) {
      long t0 = System.nanoTime();
      ids = new FleetRegistry(dataSource).register(fleet);
      out.printf("registered %d customers and %d devices (%d ms)%n", fleet.customers().size(), fleet.size(),
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** Stores the run and its faults (table and file). Call after {@link #register}. */
  void record(RunInfo run, Fleet fleet, FaultPlan plan, Path file) throws SQLException, IOException {
    if (dataSource != null) {
      new GroundTruthStore(dataSource).record(run, plan, ids);
      out.printf("%d faults stored for run %s%n", plan.faults().size(), run.runId());
    }
    new GroundTruthFile().write(file, run, fleet, plan);
    out.println("ground truth: " + file.toAbsolutePath());
  }

  void finish(RunInfo run, long samples, String summary) throws SQLException {
    if (dataSource != null) {
      new GroundTruthStore(dataSource).finish(run.runId(), samples, summary);
    }
  }

  @Override
  public void close() {
    if (dataSource != null) {
      dataSource.close();
    }
  }
}
