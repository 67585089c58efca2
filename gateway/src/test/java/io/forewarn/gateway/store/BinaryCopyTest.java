package io.forewarn.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bytes follow PostgreSQL's binary COPY layout, read back here field by field. */
class BinaryCopyTest {
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  @Test
  void encodes_header_rows_and_trailer_as_postgresql_reads_them() {
    // GIVEN two rows, one stamped with the receive time
    Instant ts = Instant.parse("2026-11-23T10:00:00.000123Z");
    var first = new TelemetryRow(7, BatchPlan.micros(ts), new short[] {1, 3}, new double[] {2.5, -0.0},
        false);
    var second = new TelemetryRow(8, BatchPlan.micros(ts), new short[] {2}, new double[] {1e300}, true);
    // WHEN encoded for batch 42
    byte[] bytes = BinaryCopy.encode(List.of(first, second), 42);
    // THEN the buffer is exactly the computed size and decodes to the same rows
    assertThat(bytes).hasSize(BinaryCopy.size(List.of(first, second)));
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] signature = new byte[11];
    in.get(signature);
    assertThat(new String(signature, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PGCOP");
    assertThat(in.getInt()).isZero();
    assertThat(in.getInt()).isZero();
    assertRow(in, BatchPlan.micros(ts) - PG_EPOCH_MICROS, 7, new short[] {1, 3}, new double[] {2.5, -0.0}, 42, false);
    assertRow(in, BatchPlan.micros(ts) - PG_EPOCH_MICROS, 8, new short[] {2}, new double[] {1e300}, 42, true);
    assertThat(in.getShort()).isEqualTo((short) -1);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void an_empty_batch_is_header_and_trailer_only() {
    assertThat(BinaryCopy.encode(List.of(), 1)).hasSize(11 + 4 + 4 + 2);
  }

  private static void assertRow(ByteBuffer in, long pgMicros, int device, short[] ids, double[] vals, long batch,
      boolean receiveTime) {
    assertThat(in.getShort()).isEqualTo((short) 6);
    assertThat(in.getInt()).isEqualTo(8);
    assertThat(in.getLong()).isEqualTo(pgMicros);
    assertThat(in.getInt()).isEqualTo(4);
    assertThat(in.getInt()).isEqualTo(device);
    assertArrayHeader(in, 21, ids.length, 2);
    for (short id : ids) {
      assertThat(in.getInt()).isEqualTo(2);
      assertThat(in.getShort()).isEqualTo(id);
    }
    assertArrayHeader(in, 701, vals.length, 8);
    for (double v : vals) {
      assertThat(in.getInt()).isEqualTo(8);
      assertThat(Double.doubleToRawLongBits(in.getDouble())).isEqualTo(Double.doubleToRawLongBits(v));
    }
    assertThat(in.getInt()).isEqualTo(8);
    assertThat(in.getLong()).isEqualTo(batch);
    assertThat(in.getInt()).isEqualTo(1);
    assertThat(in.get()).isEqualTo((byte) (receiveTime ? 1 : 0));
  }

  private static void assertArrayHeader(ByteBuffer in, int oid, int length, int elementBytes) {
    assertThat(in.getInt()).as("array byte length").isEqualTo(20 + length * (4 + elementBytes));
    assertThat(in.getInt()).as("dimensions").isEqualTo(1);
    assertThat(in.getInt()).as("has nulls").isZero();
    assertThat(in.getInt()).as("element type").isEqualTo(oid);
    assertThat(in.getInt()).as("length").isEqualTo(length);
    assertThat(in.getInt()).as("lower bound").isEqualTo(1);
  }
}
