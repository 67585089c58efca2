package io.forewarn.common.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the metrics of one sample, applying the per-metric rules: a bad name, a duplicate, a
 * wrong type or a non-finite value drops that metric (recorded in {@code dropped}), the rest stays.
 */
final class SampleBuilder {
  private final PayloadLimits limits;
  private final List<Dropped> dropped;
  private final List<MetricValue> metrics = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  SampleBuilder(PayloadLimits limits, List<Dropped> dropped) {
    this.limits = limits;
    this.dropped = dropped;
  }

  static boolean isValidMetricName(String name) {
    return NameRules.isValidMetricName(name);
  }

  void add(String name, double value, String unit) {
    if (!isValidMetricName(name)) {
      dropped.add(new Dropped(printable(name), RejectReason.BAD_METRIC_NAME, null));
      return;
    }
    if (!seen.add(name)) {
      dropped.add(new Dropped(name, RejectReason.DUPLICATE_METRIC, null));
      return;
    }
    if (!Double.isFinite(value)) {
      dropped.add(new Dropped(name, RejectReason.NON_FINITE, String.valueOf(value)));
      return;
    }
    if (metrics.size() >= limits.maxMetricsPerSample()) {
      throw new Rejection(RejectReason.TOO_MANY_METRICS,
          "more than " + limits.maxMetricsPerSample() + " metrics in one sample");
    }
    metrics.add(new MetricValue(name, value, unit));
  }

  void drop(String name, RejectReason reason, String detail) {
    dropped.add(new Dropped(printable(name), reason, detail));
  }

  boolean isEmpty() {
    return metrics.isEmpty();
  }

  Sample build(Instant ts, boolean receiveTime) {
    return new Sample(ts, receiveTime, metrics);
  }

  /** Names go into logs and the rejects table: keep them short and printable. */
  static String printable(String name) {
    if (name == null) {
      return "(null)";
    }
    String cut = name.length() > 64 ? name.substring(0, 64) + "…" : name;
    StringBuilder sb = new StringBuilder(cut.length());
    cut.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return sb.toString();
  }
}
