package io.forewarn.rules.app;

import io.forewarn.rules.store.RulesPipeline;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pipeline cycles. Deployed as a worker verticle: JDBC blocks, so its timer and wake-up handlers
 * run on a worker thread, one at a time (a worker verticle's handlers never overlap).
 */
final class EvaluationVerticle extends VerticleBase {
  static final String WAKE = "forewarn.rules.wake";
  private static final Logger LOG = LoggerFactory.getLogger(EvaluationVerticle.class);

  private final RulesPipeline pipeline;
  private final RulesMetrics metrics;
  private final Duration poll;
  private volatile boolean healthy;
  private int failuresInRow;

  EvaluationVerticle(RulesPipeline pipeline, RulesMetrics metrics, Duration poll) {
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.poll = poll;
  }

  boolean healthy() {
    return healthy;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(poll.toMillis(), id -> runCycles());
    vertx.eventBus().consumer(WAKE, m -> runCycles());
    return Future.succeededFuture();
  }

  private void runCycles() {
    try {
      RulesPipeline.CycleResult r;
      do {
        r = pipeline.runOnce(); // again while batches keep coming, so a backlog drains without waiting
        metrics.cycle(r, true);
        if (r.transitions() > 0) {
          LOG.info("cycle: {} batches, {} rows, {} incident changes, {} outbox rows", r.batches(), r.rows(),
              r.transitions(), r.outboxRows());
        }
      } while (r.batches() > 0);
      healthy = true;
      failuresInRow = 0;
    } catch (Exception e) {
      metrics.cycle(null, false);
      failuresInRow++;
      healthy = failuresInRow < 5;
      if (failuresInRow == 1 || failuresInRow % 30 == 0) {
        LOG.warn("rules cycle failed ({} in a row); retrying on the next tick", failuresInRow, e);
      }
    }
  }
}
