package io.forewarn.notifier.maintenance;

import io.forewarn.notifier.delivery.Blocking;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link MaintenanceAnnouncer} on a worker every poll interval (at once again while it finds work). */
public final class MaintenanceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceVerticle.class);

  private final MaintenanceAnnouncer announcer;
  private final Blocking blocking;
  private final MaintenanceConfig config;
  private volatile boolean stopped;

  public MaintenanceVerticle(MaintenanceAnnouncer announcer, Blocking blocking, MaintenanceConfig config) {
    this.announcer = announcer;
    this.blocking = blocking;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    vertx.runOnContext(v -> poll());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return Future.succeededFuture();
  }

  private void poll() {
    if (stopped) {
      return;
    }
    blocking.call(announcer::run).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("checking maintenance windows failed (retrying): {}", ar.cause().toString());
      }
      boolean more = ar.succeeded() && ar.result().total() >= config.batch();
      if (more) {
        vertx.runOnContext(v -> poll());
      } else {
        vertx.setTimer(config.pollInterval().toMillis(), t -> poll());
      }
    });
  }
}
