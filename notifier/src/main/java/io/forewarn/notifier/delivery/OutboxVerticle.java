package io.forewarn.notifier.delivery;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * Polls the outbox: plans a batch on a worker (one transaction, see {@link OutboxPlanner}), and
 * goes again at once while batches come back full, else waits {@code pollInterval}.
 */
public final class OutboxVerticle extends VerticleBase {
  private final OutboxPlanner planner;
  private final Blocking blocking;
  private final int batch;
  private final Duration pollInterval;
  private BatchLoop loop;

  public OutboxVerticle(OutboxPlanner planner, Blocking blocking, int batch, Duration pollInterval) {
    this.planner = planner;
    this.blocking = blocking;
    this.batch = batch;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<?> start() {
    loop = new BatchLoop(vertx, blocking, () -> planner.planBatch(batch) == batch, pollInterval,
        "planning an outbox batch");
    loop.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    loop.stop();
    return Future.succeededFuture();
  }
}
