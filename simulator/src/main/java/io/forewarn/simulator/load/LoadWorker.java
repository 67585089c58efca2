package io.forewarn.simulator.load;

import io.forewarn.simulator.fleet.Rng;
import io.forewarn.simulator.mqtt.PublishChannels;
import io.forewarn.simulator.mqtt.Payloads;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes one connection's share of the load on its own thread. Message {@code i} of a step is
 * due at {@code start + i / rate}; the schedule never waits for the broker. When every in-flight
 * slot is taken the due messages wait (they are not dropped) and the lag is measured; what is
 * still unsent when the step ends is reported as behind schedule.
 */
final class LoadWorker {
  private static final long MIN_FULL_BACKOFF_NANOS = 20_000;
  private static final long MAX_FULL_BACKOFF_NANOS = 1_000_000;
  private static final long MAX_NAP_NANOS = 1_000_000;
  private static final long TICK_NANOS = 1_000_000;
  private static final long MAX_GRACE_NANOS = 1_000_000_000;

  record Outcome(long scheduled, long sent, long maxLagNanos) {}

  private final int connection;
  private final PublishChannels mqtt;
  private final Clock clock;
  private final String[] topics;
  private final long[] lastTs;
  private final String[] metricNames;
  private final double[] values;
  private final Rng rng;
  private int nextDevice;

  LoadWorker(int connection, PublishChannels mqtt, Clock clock, String[] deviceIds, String[] metricNames) {
    this.connection = connection;
    this.mqtt = mqtt;
    this.clock = clock;
    this.topics = new String[deviceIds.length];
    for (int i = 0; i < deviceIds.length; i++) {
      topics[i] = Payloads.telemetryTopic(deviceIds[i]);
    }
    this.lastTs = new long[deviceIds.length];
    this.metricNames = metricNames.clone();
    this.values = new double[metricNames.length];
    this.rng = new Rng(Rng.mix(Rng.key("load"), connection, System.nanoTime()));
  }

  Outcome runStep(double ratePerSecond, long durationNanos, AtomicBoolean stop) {
    double period = 1e9 / ratePerSecond;
    long scheduled = (long) (durationNanos / period);
    long start = System.nanoTime();
    // Messages that fell due but were not out by the end (a descheduled thread, a full window) get a
    // short grace to leave; whatever is still unsent after it is behind schedule.
    long giveUp = start + durationNanos + Math.min(MAX_GRACE_NANOS, durationNanos / 10);
    long sent = 0;
    long maxLag = 0;
    long fullBackoff = MIN_FULL_BACKOFF_NANOS;
    while (sent < scheduled && !stop.get()) {
      long now = System.nanoTime();
      if (now >= giveUp) {
        break;
      }
      long due = Math.min(scheduled, (long) ((now - start) / period) + 1);
      while (sent < due && mqtt.hasRoom(connection)) {
        publishOne();
        maxLag = Math.max(maxLag, now - (start + (long) (sent * period)));
        sent++;
      }
      mqtt.flush(connection);
      if (sent < due) {
        // Every in-flight slot is taken: the broker is behind. Back off, doubling up to 1 ms (a
        // window of 1 000 refills far faster than that): retrying every 20 us cost the load generator
        // 46 % of a core at 20 000 msg/s, taken from the system under test when it is busiest.
        LockSupport.parkNanos(fullBackoff);
        fullBackoff = Math.min(MAX_FULL_BACKOFF_NANOS, fullBackoff * 2);
      } else {
        fullBackoff = MIN_FULL_BACKOFF_NANOS;
        // Wake at most once per tick and send what fell due as a burst: waking for every message
        // (every ~270 us per thread at 15 000 msg/s) cost the load generator 3x the CPU on a 2-core box.
        long nextDue = start + (long) (sent * period);
        LockSupport.parkNanos(Math.min(MAX_NAP_NANOS, Math.max(TICK_NANOS, nextDue - System.nanoTime())));
      }
    }
    return new Outcome(scheduled, sent, maxLag);
  }

  /** Timestamps are the wall-clock publish time, bumped by a millisecond if a device would repeat one. */
  private void publishOne() {
    int d = nextDevice;
    nextDevice = (nextDevice + 1) % topics.length;
    long ts = Math.max(clock.millis(), lastTs[d] + 1);
    lastTs[d] = ts;
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.round(rng.uniform(-100, 100) * 100) / 100.0;
    }
    mqtt.tryPublish(connection, topics[d], Payloads.telemetry(ts, metricNames, values));
  }
}
