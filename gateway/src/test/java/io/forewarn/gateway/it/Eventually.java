package io.forewarn.gateway.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or the time is up (no sleeps guessed in tests). */
final class Eventually {
  private Eventually() {}

  static <T> T await(Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = value.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return last;
      }
      last = value.get();
    }
    return last;
  }
}
