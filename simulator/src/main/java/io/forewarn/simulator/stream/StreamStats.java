package io.forewarn.simulator.stream;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a live or accelerated run has done so far; read by the progress printer. */
public final class StreamStats {
  final LongAdder samples = new LongAdder();
  final LongAdder statuses = new LongAdder();
  final LongAdder skipped = new LongAdder();
  final LongAdder silent = new LongAdder();
  final LongAdder notSent = new LongAdder();
  final AtomicLong simNow = new AtomicLong();

  /** Telemetry messages handed to MQTT. */
  public long samples() {
    return samples.sum();
  }

  /** Status messages (online/offline) handed to MQTT. */
  public long statuses() {
    return statuses.sum();
  }

  /** Reports a device skipped on purpose (harmless glitch). */
  public long skipped() {
    return skipped.sum();
  }

  /** Reports not made because the device was silent (power loss, outage). */
  public long silent() {
    return silent.sum();
  }

  /** Messages dropped because the broker gave no room in flight for too long. */
  public long notSent() {
    return notSent.sum();
  }

  /** Simulated time reached, epoch milliseconds. */
  public long simNow() {
    return simNow.get();
  }
}
