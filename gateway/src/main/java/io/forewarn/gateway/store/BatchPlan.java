package io.forewarn.gateway.store;

import io.forewarn.common.telemetry.Decoded;
import io.forewarn.common.telemetry.Dropped;
import io.forewarn.common.telemetry.MetricValue;
import io.forewarn.common.telemetry.RejectReason;
import io.forewarn.common.telemetry.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one batch writes, worked out before the transaction starts: the telemetry rows (encoded
 * for COPY by {@link BinaryCopy} once the batch id is known), status rows, reject rows. Pure: ids
 * come in resolved, so it is unit-testable.
 */
final class BatchPlan {
  record StatusRow(int deviceId, Instant ts, boolean online, String reason) {}

  record RejectRow(Instant receivedAt, String topic, String device, RejectReason reason, String detail,
      boolean partial, byte[] payload, int payloadSize) {}

  final List<TelemetryRow> telemetry = new ArrayList<>();
  final List<StatusRow> statuses = new ArrayList<>();
  final List<RejectRow> rejects = new ArrayList<>();
  final Map<Integer, Instant> lastSeen = new java.util.HashMap<>();
  final List<Instant> deviceTimestamps = new ArrayList<>();
  int messages;
  Instant tsMin;
  Instant tsMax;

  /**
   * @param devices resolved device ids (absent = unknown)
   * @param metrics resolved metric ids (absent = catalogue full)
   */
  static BatchPlan of(List<PendingMessage> batch, Map<String, Integer> devices, Map<String, Integer> metrics,
      int rejectPayloadBytes) {
    BatchPlan plan = new BatchPlan();
    for (PendingMessage m : batch) {
      plan.messages++;
      switch (m.decoded()) {
        case Decoded.Rejected r -> plan.reject(m, r.deviceId(), r.reason(), r.detail(), false, rejectPayloadBytes);
        case Decoded.Status s -> {
          Integer id = devices.get(s.deviceId());
          if (id == null) {
            plan.reject(m, s.deviceId(), RejectReason.UNKNOWN_DEVICE, null, false, rejectPayloadBytes);
          } else {
            plan.statuses.add(new StatusRow(id, s.ts(), s.online(), s.reason()));
          }
        }
        case Decoded.Telemetry t -> plan.addTelemetry(m, t, devices, metrics, rejectPayloadBytes);
      }
    }
    return plan;
  }

  /** A plan that only records {@code m} as rejected (a row the database refused). */
  static BatchPlan rejectOnly(PendingMessage m, RejectReason reason, String detail, int rejectPayloadBytes) {
    BatchPlan plan = new BatchPlan();
    plan.messages = 1;
    plan.reject(m, m.decoded().deviceId(), reason, detail, false, rejectPayloadBytes);
    return plan;
  }

  private void addTelemetry(PendingMessage m, Decoded.Telemetry t, Map<String, Integer> devices,
      Map<String, Integer> metrics, int rejectPayloadBytes) {
    Integer deviceId = devices.get(t.deviceId());
    if (deviceId == null) {
      reject(m, t.deviceId(), RejectReason.UNKNOWN_DEVICE, null, false, rejectPayloadBytes);
      return;
    }
    List<Dropped> dropped = new ArrayList<>(t.dropped());
    int added = 0;
    for (Sample sample : t.samples()) {
      added += addRow(deviceId, sample, metrics, dropped);
    }
    if (added == 0) {
      Dropped first = dropped.getFirst();
      reject(m, t.deviceId(), first.reason(), summarize(dropped), false, rejectPayloadBytes);
    } else if (!dropped.isEmpty()) {
      reject(m, t.deviceId(), dropped.getFirst().reason(), summarize(dropped), true, rejectPayloadBytes);
    }
  }

  /** Adds one telemetry row: device id, ts in epoch microseconds, metric ids (sorted), values, receive flag. */
  private int addRow(int deviceId, Sample sample, Map<String, Integer> metrics, List<Dropped> dropped) {
    List<MetricValue> values = sample.metrics();
    long[] keyed = new long[values.size()];
    int n = 0;
    for (int i = 0; i < values.size(); i++) {
      Integer id = metrics.get(values.get(i).name());
      if (id == null) {
        dropped.add(new Dropped(values.get(i).name(), RejectReason.METRIC_CATALOGUE_FULL, null));
      } else {
        keyed[n++] = ((long) id << 32) | i;
      }
    }
    if (n == 0) {
      return 0;
    }
    // Sorted by metric id, so a redelivered message has the same dedupe key whatever its JSON order.
    Arrays.sort(keyed, 0, n);
    short[] ids = new short[n];
    double[] vals = new double[n];
    for (int k = 0; k < n; k++) {
      ids[k] = (short) (keyed[k] >>> 32);
      vals[k] = values.get((int) keyed[k]).value();
    }
    telemetry.add(new TelemetryRow(deviceId, micros(sample.ts()), ids, vals, sample.receiveTime()));
    tsMin = tsMin == null || sample.ts().isBefore(tsMin) ? sample.ts() : tsMin;
    tsMax = tsMax == null || sample.ts().isAfter(tsMax) ? sample.ts() : tsMax;
    lastSeen.merge(deviceId, sample.ts(), (a, b) -> a.isAfter(b) ? a : b);
    if (!sample.receiveTime()) {
      deviceTimestamps.add(sample.ts());
    }
    return 1;
  }

  private void reject(PendingMessage m, String device, RejectReason reason, String detail, boolean partial,
      int keepBytes) {
    byte[] payload = m.payload().length <= keepBytes ? m.payload() : Arrays.copyOf(m.payload(), keepBytes);
    rejects.add(new RejectRow(m.receivedAt(), m.topic(), device, reason, detail, partial, payload, m.payload().length));
  }

  private static String summarize(List<Dropped> dropped) {
    String all = dropped.stream().limit(20).map(Dropped::describe).collect(Collectors.joining("; "));
    return dropped.size() > 20 ? all + "; and " + (dropped.size() - 20) + " more" : all;
  }

  int rows() {
    return telemetry.size();
  }

  static long micros(Instant ts) {
    return Math.addExact(Math.multiplyExact(ts.getEpochSecond(), 1_000_000L), ts.getNano() / 1_000);
  }
}
