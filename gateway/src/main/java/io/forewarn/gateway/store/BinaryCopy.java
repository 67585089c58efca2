package io.forewarn.gateway.store;

import io.forewarn.common.db.PgBinaryCopy;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * PostgreSQL's binary COPY format for telemetry rows, in the column order of {@link #COLUMNS}.
 * Binary rather than text: the server takes integers and doubles as they are instead of parsing
 * {@code {1,3}} / {@code {2.0,1.0}} array literals, and we do not print doubles (measured in
 * docs/benchmarks.md). Layout: "COPY, Binary Format" in the PostgreSQL manual; arrays as
 * {@code array_send} writes them. Big-endian throughout, which is {@link ByteBuffer}'s default.
 */
final class BinaryCopy {
  static final String COLUMNS = "(ts, device_id, metric_ids, vals, batch_id, receive_time)";
  private static final int TRAILER_BYTES = 2;
  private static final short FIELDS = 6;
  /** One-dimensional array without nulls: ndim, has-null flag, element type, length, lower bound. */
  private static final int ARRAY_HEADER_BYTES = 20;
  /** Field count, then length-prefixed ts (8), device_id (4), batch_id (8), receive_time (1), two array lengths. */
  private static final int FIXED_ROW_BYTES = 2 + (4 + 8) + (4 + 4) + (4 + 8) + (4 + 1) + 2 * (4 + ARRAY_HEADER_BYTES);

  private BinaryCopy() {}

  static byte[] encode(List<TelemetryRow> rows, long batchId) {
    ByteBuffer out = ByteBuffer.allocate(size(rows));
    out.put(PgBinaryCopy.signature()).putInt(0).putInt(0); // flags (no OIDs), header extension length
    for (TelemetryRow row : rows) {
      out.putShort(FIELDS);
      out.putInt(8).putLong(row.tsMicros() - PgBinaryCopy.PG_EPOCH_OFFSET_MICROS);
      out.putInt(4).putInt(row.deviceId());
      putArrayHeader(out, PgBinaryCopy.INT2_OID, row.metricIds().length, 2);
      for (short id : row.metricIds()) {
        out.putInt(2).putShort(id);
      }
      putArrayHeader(out, PgBinaryCopy.FLOAT8_OID, row.values().length, 8);
      for (double v : row.values()) {
        out.putInt(8).putDouble(v);
      }
      out.putInt(8).putLong(batchId);
      out.putInt(1).put((byte) (row.receiveTime() ? 1 : 0));
    }
    out.putShort((short) -1);
    return out.array();
  }

  static int size(List<TelemetryRow> rows) {
    int size = PgBinaryCopy.HEADER_BYTES + TRAILER_BYTES;
    for (TelemetryRow row : rows) {
      size += FIXED_ROW_BYTES + row.metricIds().length * (4 + 2) + row.values().length * (4 + 8);
    }
    return size;
  }

  private static void putArrayHeader(ByteBuffer out, int elementOid, int length, int elementBytes) {
    out.putInt(ARRAY_HEADER_BYTES + length * (4 + elementBytes));
    out.putInt(1).putInt(0).putInt(elementOid).putInt(length).putInt(1);
  }
}
