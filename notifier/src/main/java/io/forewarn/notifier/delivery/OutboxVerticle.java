package io.forewarn.notifier.delivery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the outbox: plans a batch on a worker (one transaction, see {@link OutboxPlanner}), and
 * goes again at once while batches come back full, else waits {@code pollInterval}.
 */
public final class OutboxVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxVerticle.class);

  private final OutboxPlanner planner;
  private final Blocking blocking;
  private final int batch;
  private final Duration pollInterval;
  private volatile boolean stopped;

  public OutboxVerticle(OutboxPlanner planner, Blocking blocking, int batch, Duration pollInterval) {
    this.planner = planner;
    this.blocking = blocking;
    this.batch = batch;
    this.pollInterval = pollInterval;
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
    blocking.call(() -> planner.planBatch(batch)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("planning an outbox batch failed (retrying): {}", ar.cause().toString());
      }
      if (ar.succeeded() && ar.result() == batch) {
        vertx.runOnContext(v -> poll());
      } else {
        vertx.setTimer(pollInterval.toMillis(), t -> poll());
      }
    });
  }
}
