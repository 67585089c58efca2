package io.forewarn.notifier.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every meter the notifier publishes, in one place. Tag values are channel names and outcome
 * words from enums, never customer or incident ids.
 */
public final class NotifierMetrics {
  public static final String PLANNED = "forewarn.notifier.outreach.planned";
  public static final String SENT = "forewarn.notifier.outreach.sent";
  public static final String RETRIES = "forewarn.notifier.outreach.retries";
  public static final String SEND_TIME = "forewarn.notifier.outreach.send.duration";
  public static final String QUEUE_DEPTH = "forewarn.notifier.queue.depth";
  public static final String OUTBOX_BACKLOG = "forewarn.notifier.outbox.backlog";
  public static final String BROADCAST_PENDING = "forewarn.notifier.broadcast.pending";
  public static final String BROADCAST_DONE = "forewarn.notifier.broadcast.done";
  /** Sends the token bucket allowed but the loop did not make (see TokenBucket#unusedTokens). */
  public static final String RATE_UNUSED = "forewarn.notifier.rate.unused";

  /** What happened to one send attempt, as a tag value. */
  public enum Outcome {
    SENT, RETRY, PERMANENT, FAILED, SKIPPED, RECONCILED, UNKNOWN
  }

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public NotifierMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void planned(String channel, String status, int count) {
    Counter.builder(PLANNED).tag("channel", channel).tag("status", status).register(registry).increment(count);
  }

  public void attempt(String channel, Outcome outcome, Duration took) {
    String o = outcome.name().toLowerCase(Locale.ROOT);
    Counter.builder(SENT).tag("channel", channel).tag("outcome", o).register(registry).increment();
    Timer.builder(SEND_TIME).tag("channel", channel).register(registry).record(took);
    if (outcome == Outcome.RETRY) {
      Counter.builder(RETRIES).tag("channel", channel).register(registry).increment();
    }
  }

  /** Counts the rate a channel's bucket allowed but the loop left unused. */
  public <T> void unusedRate(String channel, T bucket, java.util.function.ToDoubleFunction<T> unused) {
    io.micrometer.core.instrument.FunctionCounter.builder(RATE_UNUSED, bucket, unused).tag("channel", channel)
        .register(registry);
  }

  /** Sets a gauge such as {@link #QUEUE_DEPTH} for one channel (or {@code all}). */
  public void level(String name, String channel, long value) {
    gauges.computeIfAbsent(name + "|" + channel, k -> {
      AtomicLong holder = new AtomicLong();
      Gauge.builder(name, holder, AtomicLong::get).tag("channel", channel).register(registry);
      return holder;
    }).set(value);
  }
}
