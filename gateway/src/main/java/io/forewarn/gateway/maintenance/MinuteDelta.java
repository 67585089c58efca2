package io.forewarn.gateway.maintenance;

import io.forewarn.common.db.PgBinaryCopy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-minute min/max/sum/count of raw values, keyed by (minute, device, metric), gathered in the JVM.
 * The same aggregate in SQL ({@code unnest} and {@code GROUP BY} over every value) cost PostgreSQL
 * ~10 s of CPU per 30 s of ingest at 36 000 msg/s, a third of a core (docs/benchmarks.md); here it is
 * a hash probe per (minute, device) and a short scan of that device's metrics per value.
 */
final class MinuteDelta {
  private static final long MINUTE_MICROS = 60_000_000L;

  private record DeviceMinute(long bucketMicros, int deviceId) {}

  private final Map<DeviceMinute, MetricAggregates> groups = new HashMap<>();
  private int size;

  /** Adds one raw row: {@code pgMicros} since 2000-01-01, its metric ids and values (same length). */
  void add(long pgMicros, int deviceId, short[] metricIds, double[] values, int count) {
    long bucket = Math.floorDiv(pgMicros, MINUTE_MICROS) * MINUTE_MICROS;
    MetricAggregates aggs = groups.computeIfAbsent(new DeviceMinute(bucket, deviceId), k -> new MetricAggregates());
    for (int i = 0; i < count; i++) {
      size += aggs.add(i, metricIds[i], values[i]);
    }
  }

  /** (minute, device, metric) groups held. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void clear() {
    groups.clear();
    size = 0;
  }

  /** The groups as COPY text rows: bucket, device_id, metric_id, min, max, sum, count. */
  byte[] toCopyText() {
    StringBuilder out = new StringBuilder(size * 64);
    groups.forEach((key, aggs) -> {
      String bucket = Instant.EPOCH.plus(PgBinaryCopy.PG_EPOCH_OFFSET_MICROS + key.bucketMicros(), ChronoUnit.MICROS)
          .toString();
      for (int i = 0; i < aggs.n; i++) {
        // Double.toString is the shortest text that parses back to the same double: no value changes.
        out.append(bucket).append('\t').append(key.deviceId()).append('\t').append(aggs.ids[i]).append('\t')
            .append(aggs.min[i]).append('\t').append(aggs.max[i]).append('\t').append(aggs.sum[i]).append('\t')
            .append(aggs.count[i]).append('\n');
      }
    });
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** One device's metrics within one minute; a device sends the same metrics in the same order. */
  private static final class MetricAggregates {
    private short[] ids = new short[8];
    private double[] min = new double[8];
    private double[] max = new double[8];
    private double[] sum = new double[8];
    private int[] count = new int[8];
    private int n;

    /** Returns 1 when the metric is new to this device and minute. */
    int add(int position, short id, double v) {
      int at = position < n && ids[position] == id ? position : indexOf(id);
      if (at >= 0) {
        min[at] = Math.min(min[at], v);
        max[at] = Math.max(max[at], v);
        sum[at] += v;
        count[at]++;
        return 0;
      }
      if (n == ids.length) {
        grow();
      }
      ids[n] = id;
      min[n] = v;
      max[n] = v;
      sum[n] = v;
      count[n] = 1;
      n++;
      return 1;
    }

    private int indexOf(short id) {
      for (int i = 0; i < n; i++) {
        if (ids[i] == id) {
          return i;
        }
      }
      return -1;
    }

    private void grow() {
      int capacity = ids.length * 2;
      ids = Arrays.copyOf(ids, capacity);
      min = Arrays.copyOf(min, capacity);
      max = Arrays.copyOf(max, capacity);
      sum = Arrays.copyOf(sum, capacity);
      count = Arrays.copyOf(count, capacity);
    }
  }
}
