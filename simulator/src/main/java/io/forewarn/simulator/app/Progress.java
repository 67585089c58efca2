package io.forewarn.simulator.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a progress line every few seconds on a daemon thread, until closed. */
final class Progress implements AutoCloseable {
  private final ScheduledExecutorService timer;

  Progress(PrintStream out, Duration every, Supplier<String> line) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    long millis = Math.max(100, every.toMillis());
    timer.scheduleAtFixedRate(() -> out.println(line.get()), millis, millis, TimeUnit.MILLISECONDS);
  }

  /** "1h 02m 03s"-style rendering for ETAs and elapsed times. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 3600) {
      return String.format(java.util.Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s % 3600) / 60, s % 60);
    }
    return s >= 60 ? String.format(java.util.Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + "s";
  }

  /** Remaining time from the share done so far, or "?" before there is anything to go on. */
  static String eta(Duration elapsed, double fractionDone) {
    if (fractionDone <= 0.001) {
      return "?";
    }
    return human(Duration.ofMillis((long) (elapsed.toMillis() * (1 - fractionDone) / fractionDone)));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
