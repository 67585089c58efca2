package io.forewarn.notifier.maintenance;

import io.forewarn.notifier.delivery.BatchLoop;
import io.forewarn.notifier.delivery.Blocking;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Runs the {@link MaintenanceAnnouncer} on a worker every poll interval (at once again while it finds work). */
public final class MaintenanceVerticle extends VerticleBase {
  private final MaintenanceAnnouncer announcer;
  private final Blocking blocking;
  private final MaintenanceConfig config;
  private BatchLoop loop;

  public MaintenanceVerticle(MaintenanceAnnouncer announcer, Blocking blocking, MaintenanceConfig config) {
    this.announcer = announcer;
    this.blocking = blocking;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    loop = new BatchLoop(vertx, blocking, () -> announcer.run().total() >= config.batch(), config.pollInterval(),
        "checking maintenance windows");
    loop.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    loop.stop();
    return Future.succeededFuture();
  }
}
