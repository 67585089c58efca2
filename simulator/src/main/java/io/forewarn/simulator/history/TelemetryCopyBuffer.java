package io.forewarn.simulator.history;

import io.forewarn.common.db.PgBinaryCopy;
import java.util.Arrays;

/**
 * Rows of {@code telemetry} in PostgreSQL's binary COPY format, ready for
 * {@code COPY telemetry (ts, device_id, metric_ids, vals, batch_id, receive_time) FROM STDIN (FORMAT binary)}.
 * Binary spares the server from parsing float text, the most expensive part of a text COPY of
 * this table. One buffer is one COPY stream: header, rows, trailer.
 */
final class TelemetryCopyBuffer {
  static final String COPY_SQL = "COPY telemetry (ts, device_id, metric_ids, vals, batch_id, receive_time) FROM STDIN (FORMAT binary)";
  private static final short FIELDS = 6;

  private byte[] buf;
  private int pos;
  private int rows;
  private long tsMin = Long.MAX_VALUE;
  private long tsMax = Long.MIN_VALUE;

  TelemetryCopyBuffer(int initialBytes) {
    buf = new byte[initialBytes];
    reset();
  }

  void reset() {
    pos = 0;
    rows = 0;
    tsMin = Long.MAX_VALUE;
    tsMax = Long.MIN_VALUE;
    ensure(PgBinaryCopy.HEADER_BYTES);
    System.arraycopy(PgBinaryCopy.signature(), 0, buf, 0, PgBinaryCopy.SIGNATURE_BYTES);
    pos = PgBinaryCopy.SIGNATURE_BYTES;
    putInt(0); // flags: no OIDs
    putInt(0); // header extension length
  }

  /** One row; a {@code NaN} value is a metric the device left out of this report, so its id is left out too. */
  void add(long epochMillis, int deviceId, short[] metricIds, double[] values, long batchId) {
    int n = 0;
    for (double v : values) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    ensure(2 + 12 + 8 + (4 + 20 + 6 * n) + (4 + 20 + 12 * n) + 12 + 5);
    putShort(FIELDS);
    putInt(8);
    putLong(epochMillis * 1000 - PgBinaryCopy.PG_EPOCH_OFFSET_MICROS);
    putInt(4);
    putInt(deviceId);
    putInt(20 + 6 * n);
    arrayHeader(PgBinaryCopy.INT2_OID, n);
    for (int i = 0; i < metricIds.length; i++) {
      if (!Double.isNaN(values[i])) {
        putInt(2);
        putShort(metricIds[i]);
      }
    }
    putInt(20 + 12 * n);
    arrayHeader(PgBinaryCopy.FLOAT8_OID, n);
    for (double v : values) {
      if (!Double.isNaN(v)) {
        putInt(8);
        putLong(Double.doubleToRawLongBits(v));
      }
    }
    putInt(8);
    putLong(batchId);
    putInt(1);
    buf[pos++] = 0; // receive_time = false: the device's own timestamp
    rows++;
    tsMin = Math.min(tsMin, epochMillis);
    tsMax = Math.max(tsMax, epochMillis);
  }

  /** Appends the trailer; the buffer's bytes are then one complete COPY stream. */
  void finish() {
    ensure(2);
    putShort((short) -1);
  }

  byte[] bytes() {
    return buf;
  }

  int length() {
    return pos;
  }

  int rows() {
    return rows;
  }

  long tsMin() {
    return tsMin;
  }

  long tsMax() {
    return tsMax;
  }

  private void arrayHeader(int elementOid, int n) {
    putInt(1); // dimensions
    putInt(0); // has nulls
    putInt(elementOid);
    putInt(n); // length of the dimension
    putInt(1); // lower bound
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  private void putShort(short v) {
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void putInt(int v) {
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }
}
