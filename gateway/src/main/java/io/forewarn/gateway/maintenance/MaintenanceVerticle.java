package io.forewarn.gateway.maintenance;

import io.forewarn.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs roll-ups and retention on their own worker thread (never the writer's, never the event
 * loop), and probes the database so /health reflects it even when no telemetry flows.
 */
public final class MaintenanceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceVerticle.class);
  private static final Duration PROBE_INTERVAL = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final MaintenanceSettings settings;
  private final RollupJob rollups;
  private final RetentionJob retention;
  private WorkerExecutor executor;
  private volatile boolean databaseReachable;
  private boolean rollupRunning;
  private boolean retentionRunning;

  public MaintenanceVerticle(DataSource dataSource, MaintenanceSettings settings, RecentBatches recent,
      GatewayMetrics metrics) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.rollups = new RollupJob(dataSource, RollupJob.DEFAULT_SETTLE, recent);
    metrics.rollupRows(rollups::rowsFromMemory, rollups::rowsReadBack, recent::rows);
    this.retention = new RetentionJob(dataSource, settings);
  }

  public boolean databaseReachable() {
    return databaseReachable;
  }

  @Override
  public Future<?> start() {
    executor = vertx.createSharedWorkerExecutor("forewarn-maintenance", 1);
    run("chunk interval", () -> {
      retention.configureChunks();
      return null;
    });
    vertx.setPeriodic(0, PROBE_INTERVAL.toMillis(), t -> probe());
    vertx.setPeriodic(settings.rollupInterval().toMillis(), t -> rollUp());
    vertx.setPeriodic(Duration.ofSeconds(10).toMillis(), settings.retentionInterval().toMillis(), t -> retain());
    return Future.succeededFuture();
  }

  private void probe() {
    executor.executeBlocking(() -> {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        return true;
      } catch (SQLException e) {
        return false;
      }
    }, false).onComplete(ar -> databaseReachable = ar.succeeded() && ar.result());
  }

  private void rollUp() {
    if (rollupRunning) {
      return;
    }
    rollupRunning = true;
    run("roll-up", rollups::runOnce).onComplete(ar -> rollupRunning = false);
  }

  private void retain() {
    if (retentionRunning) {
      return;
    }
    retentionRunning = true;
    run("retention", () -> {
      retention.runOnce();
      return null;
    }).onComplete(ar -> retentionRunning = false);
  }

  private <T> Future<T> run(String job, Callable<T> work) {
    return executor.executeBlocking(work, false).onFailure(e -> LOG.warn("{} job failed: {}", job, e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    return executor == null ? Future.succeededFuture() : executor.close();
  }
}
