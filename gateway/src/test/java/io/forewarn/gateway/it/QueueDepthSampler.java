package io.forewarn.gateway.it;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Polls the gateway's queue depth in the background and keeps the deepest value seen. */
final class QueueDepthSampler implements AutoCloseable {
  private static final long INTERVAL_MS = 5;
  private final AtomicLong deepest = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  QueueDepthSampler(int port) {
    thread = Thread.ofPlatform().daemon().name("queue-depth-sampler").start(() -> {
      while (running.get()) {
        deepest.accumulateAndGet(depth(port), Math::max);
        try {
          Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  static long depth(int port) {
    return (long) GatewayMetricsText.value(port, "forewarn_gateway_queue_depth");
  }

  long deepest() {
    return deepest.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
