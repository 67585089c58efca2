package io.forewarn.notifier.delivery;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a blocking batch job on a worker, over and over: again at once while it reports a full
 * batch (there is more waiting), otherwise after {@code interval}. A failed round is logged and
 * retried after the interval; nothing is thrown at the event loop.
 */
public final class BatchLoop {
  private static final Logger LOG = LoggerFactory.getLogger(BatchLoop.class);

  private final Vertx vertx;
  private final Blocking blocking;
  private final Callable<Boolean> roundWasFull;
  private final Duration interval;
  private final String what;
  private volatile boolean stopped;

  /** @param what the job in words, for the log ("planning an outbox batch") */
  public BatchLoop(Vertx vertx, Blocking blocking, Callable<Boolean> roundWasFull, Duration interval, String what) {
    this.vertx = vertx;
    this.blocking = blocking;
    this.roundWasFull = roundWasFull;
    this.interval = interval;
    this.what = what;
  }

  public void start() {
    vertx.runOnContext(v -> round());
  }

  public void stop() {
    stopped = true;
  }

  private void round() {
    if (stopped) {
      return;
    }
    blocking.call(roundWasFull).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("{} failed (retrying): {}", what, ar.cause().toString());
      }
      if (ar.succeeded() && ar.result()) {
        vertx.runOnContext(v -> round());
      } else {
        vertx.setTimer(interval.toMillis(), t -> round());
      }
    });
  }
}
