package io.forewarn.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.telemetry.Decoded;
import io.forewarn.common.telemetry.PayloadLimits;
import io.forewarn.common.telemetry.RejectReason;
import io.forewarn.common.telemetry.TelemetryDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final TelemetryDecoder decoder = new TelemetryDecoder(PayloadLimits.DEFAULTS);

  private PendingMessage msg(String topic, String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return new PendingMessage(topic, bytes, NOW, decoder.decode(topic, bytes, NOW));
  }

  @Test
  void writes_metric_ids_sorted_so_the_dedupe_key_ignores_json_order() {
    // GIVEN the same sample with its metrics in two different orders
    var a = msg("devices/d1/telemetry", "{\"ts\":\"2026-11-23T09:00:00Z\",\"metrics\":{\"b\":2,\"a\":1}}");
    var b = msg("devices/d1/telemetry", "{\"ts\":\"2026-11-23T09:00:00Z\",\"metrics\":{\"a\":1,\"b\":2}}");
    // WHEN planned
    BatchPlan plan = BatchPlan.of(List.of(a, b), Map.of("d1", 7), Map.of("a", 3, "b", 1), 100);
    // THEN both rows are identical: ids ascending, values aligned
    assertThat(plan.telemetry).hasSize(2).allSatisfy(row -> {
      assertThat(row.deviceId()).isEqualTo(7);
      assertThat(row.tsMicros()).isEqualTo(BatchPlan.micros(Instant.parse("2026-11-23T09:00:00Z")));
      assertThat(row.metricIds()).containsExactly((short) 1, (short) 3);
      assertThat(row.values()).containsExactly(2.0, 1.0);
      assertThat(row.receiveTime()).isFalse();
    });
    assertThat(plan.rows()).isEqualTo(2);
  }

  @Test
  void rejects_unknown_devices_and_keeps_payload_truncated() {
    var m = msg("devices/ghost/telemetry", "{\"metrics\":{\"a\":1}}");
    BatchPlan plan = BatchPlan.of(List.of(m), Map.of(), Map.of("a", 1), 5);
    assertThat(plan.rows()).isZero();
    assertThat(plan.rejects).singleElement().satisfies(r -> {
      assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE);
      assertThat(r.payload()).hasSize(5);
      assertThat(r.payloadSize()).isEqualTo(m.payload().length);
    });
  }

  @Test
  void records_partial_messages_and_catalogue_overflow() {
    // GIVEN a message with a bad value and a metric the full catalogue cannot take
    var m = msg("devices/d1/telemetry", "{\"metrics\":{\"a\":1,\"bad\":\"x\",\"new_one\":2}}");
    // WHEN planned with only 'a' in the catalogue
    BatchPlan plan = BatchPlan.of(List.of(m), Map.of("d1", 1), Map.of("a", 1), 100);
    // THEN 'a' is stored and one partial reject lists both dropped metrics
    assertThat(plan.rows()).isEqualTo(1);
    assertThat(plan.rejects).singleElement().satisfies(r -> {
      assertThat(r.partial()).isTrue();
      assertThat(r.detail()).contains("bad: wrong_type").contains("new_one: metric_catalogue_full");
    });
  }

  @Test
  void plans_status_rows_and_whole_rejects() {
    var status = msg("devices/d1/status", "offline");
    var junk = msg("devices/d1/telemetry", "{");
    BatchPlan plan = BatchPlan.of(List.of(status, junk), Map.of("d1", 4), Map.of(), 100);
    assertThat(plan.statuses).containsExactly(new BatchPlan.StatusRow(4, NOW, false, null));
    assertThat(plan.rejects).extracting(BatchPlan.RejectRow::reason).containsExactly(RejectReason.MALFORMED_JSON);
    assertThat(plan.messages).isEqualTo(2);
    assertThat(status.decoded()).isInstanceOf(Decoded.Status.class);
  }

  @Test
  void tracks_time_range_and_lag_sources() {
    var m1 = msg("devices/d1/telemetry", "{\"ts\":\"2026-11-23T09:00:00Z\",\"metrics\":{\"a\":1}}");
    var m2 = msg("devices/d1/telemetry", "{\"metrics\":{\"a\":1}}");
    BatchPlan plan = BatchPlan.of(List.of(m1, m2), Map.of("d1", 1), Map.of("a", 1), 100);
    assertThat(plan.tsMin).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(plan.tsMax).isEqualTo(NOW);
    assertThat(plan.deviceTimestamps).containsExactly(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(plan.lastSeen).containsEntry(1, NOW);
  }
}
