package io.forewarn.gateway.maintenance;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import io.forewarn.common.db.PgBinaryCopy;

/**
 * Reads {@code COPY (SELECT ts, device_id, metric_ids, vals …) TO STDOUT (FORMAT binary)} row by row
 * into a {@link MinuteDelta}. The binary form carries numbers as they are stored, so nothing is
 * formatted by PostgreSQL or parsed here (layout: PostgreSQL manual, COPY, "Binary Format").
 */
final class RawRowReader {
  private static final int FIELDS = 4;

  private short[] ids = new short[16];
  private double[] vals = new double[16];

  /** Adds every row of the stream to {@code delta}; returns the number of rows. */
  long readInto(InputStream copyOut, MinuteDelta delta) throws IOException {
    DataInputStream in = new DataInputStream(copyOut);
    if (!PgBinaryCopy.isSignature(in.readNBytes(PgBinaryCopy.SIGNATURE_BYTES))) {
      throw new IOException("not a binary COPY stream");
    }
    in.readInt(); // flags
    in.skipNBytes(in.readInt()); // header extension
    long rows = 0;
    for (short fields = in.readShort(); fields != -1; fields = in.readShort()) {
      if (fields != FIELDS) {
        throw new IOException("expected " + FIELDS + " columns, got " + fields);
      }
      long ts = field(in, 8).readLong();
      int device = field(in, 4).readInt();
      in.readInt();
      int n = readShortArray(in);
      in.readInt();
      int m = readDoubleArray(in);
      if (m != n) {
        throw new IOException("row of device " + device + " has " + n + " metric ids and " + m + " values");
      }
      delta.add(ts, device, ids, vals, n);
      rows++;
    }
    return rows;
  }

  private static DataInputStream field(DataInputStream in, int expected) throws IOException {
    int length = in.readInt();
    if (length != expected) {
      throw new IOException("expected a " + expected + "-byte column, got " + length);
    }
    return in;
  }

  private int readShortArray(DataInputStream in) throws IOException {
    int n = arrayHeader(in);
    if (ids.length < n) {
      ids = new short[n];
    }
    for (int i = 0; i < n; i++) {
      field(in, 2);
      ids[i] = in.readShort();
    }
    return n;
  }

  private int readDoubleArray(DataInputStream in) throws IOException {
    int n = arrayHeader(in);
    if (vals.length < n) {
      vals = new double[n];
    }
    for (int i = 0; i < n; i++) {
      field(in, 8);
      vals[i] = in.readDouble();
    }
    return n;
  }

  /** One-dimensional arrays without nulls (the table's CHECK and NOT NULL make them so). */
  private static int arrayHeader(DataInputStream in) throws IOException {
    int dimensions = in.readInt();
    in.readInt(); // has-nulls flag
    in.readInt(); // element type
    if (dimensions == 0) {
      return 0;
    }
    if (dimensions != 1) {
      throw new IOException("expected a one-dimensional array, got " + dimensions + " dimensions");
    }
    int n = in.readInt();
    in.readInt(); // lower bound
    return n;
  }
}
