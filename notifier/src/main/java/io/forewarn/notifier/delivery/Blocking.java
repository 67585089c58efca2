package io.forewarn.notifier.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** Runs blocking JDBC work on a Vert.x worker thread, never on the event loop. */
public final class Blocking {
  private final Vertx vertx;

  public Blocking(Vertx vertx) {
    this.vertx = vertx;
  }

  public <T> Future<T> call(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  public Future<Void> run(Runnable work) {
    return vertx.executeBlocking(() -> {
      work.run();
      return null;
    }, false);
  }
}
