package io.forewarn.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The ops service's meters. Names are constants here; tag values are a fixed small set. */
public final class OpsMetrics {
  public static final String DENIED = "forewarn.ops.auth.denied";
  public static final String STREAMS = "forewarn.ops.streams.open";
  public static final String EVENTS = "forewarn.ops.streams.events";

  private final MeterRegistry registry;
  private final Map<String, Counter> denied = new ConcurrentHashMap<>();
  private final AtomicInteger streams = new AtomicInteger();
  private final Counter events;

  public OpsMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge(STREAMS, streams);
    this.events = Counter.builder(EVENTS).description("incident changes pushed to dashboards").register(registry);
  }

  /** A metrics sink that records nothing anyone reads, for unit tests. */
  public static OpsMetrics noop() {
    return new OpsMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** reason: missing, malformed, unknown, role, tenant (a fleet-wide route called by another tenant). */
  public void denied(String reason) {
    denied.computeIfAbsent(reason, r -> Counter.builder(DENIED).tag("reason", r)
        .description("requests refused by authentication or role").register(registry)).increment();
  }

  public void streamOpened() {
    streams.incrementAndGet();
  }

  public void streamClosed() {
    streams.decrementAndGet();
  }

  public void eventsPushed(int n) {
    events.increment(n);
  }
}
