package io.forewarn.common.telemetry;

import java.time.Instant;
import java.util.List;

/**
 * The metrics of one device at one instant. {@code receiveTime} is true when the device sent no
 * timestamp and the gateway's receive time stands in for it.
 */
public record Sample(Instant ts, boolean receiveTime, List<MetricValue> metrics) {
  public Sample {
    if (ts == null) {
      throw new IllegalArgumentException("ts is required");
    }
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("a sample needs at least one metric");
    }
  }
}
