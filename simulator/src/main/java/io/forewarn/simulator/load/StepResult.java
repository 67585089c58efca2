package io.forewarn.simulator.load;

import java.time.Duration;
import java.time.Instant;

/**
 * What one rate step achieved.
 *
 * @param scheduled messages the open-loop schedule called for
 * @param sent messages handed to the MQTT client
 * @param acked messages the broker acknowledged (PUBACK) by the end of the drain
 * @param failed messages that failed (refused, connection lost, client error)
 * @param behindSchedule scheduled messages never sent because every in-flight slot stayed taken
 * @param maxLagMillis worst delay between a message's scheduled and actual send time
 * @param ackP50Micros median publish-to-PUBACK latency
 * @param ackP99Micros 99th percentile publish-to-PUBACK latency
 */
public record StepResult(double targetRate, Instant startedAt, Duration duration, long scheduled, long sent,
    long acked, long failed, long behindSchedule, long maxLagMillis, long ackP50Micros, long ackP99Micros,
    long ackMaxMicros) {

  /** Acknowledged messages per second over the step. */
  public double achievedRate() {
    double seconds = duration.toNanos() / 1e9;
    return seconds <= 0 ? 0 : acked / seconds;
  }

  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "target %.0f/s: scheduled %d, sent %d, acked %d, failed %d, behind schedule %d, achieved %.0f/s, "
            + "max lag %d ms, PUBACK p50 %.2f ms p99 %.2f ms max %.2f ms",
        targetRate, scheduled, sent, acked, failed, behindSchedule, achievedRate(), maxLagMillis,
        ackP50Micros / 1000.0, ackP99Micros / 1000.0, ackMaxMicros / 1000.0);
  }
}
