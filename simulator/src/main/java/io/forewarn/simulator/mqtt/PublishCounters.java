package io.forewarn.simulator.mqtt;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Counts of one publishing activity, updated from Paho's callback threads without blocking:
 * adders and a wait-free HdrHistogram recorder of publish-to-PUBACK latency.
 */
public final class PublishCounters {
  private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final LongAdder sent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Recorder ackLatencyMicros = new Recorder(MAX_LATENCY_MICROS, 3);

  void onSent() {
    sent.increment();
  }

  void onAcked(long latencyNanos) {
    acked.increment();
    ackLatencyMicros.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(0, latencyNanos / 1000)));
  }

  void onFailed() {
    failed.increment();
  }

  public long sent() {
    return sent.sum();
  }

  public long acked() {
    return acked.sum();
  }

  public long failed() {
    return failed.sum();
  }

  /** Latencies recorded since the previous call (HdrHistogram interval semantics). */
  public org.HdrHistogram.Histogram takeLatencies() {
    return ackLatencyMicros.getIntervalHistogram();
  }
}
