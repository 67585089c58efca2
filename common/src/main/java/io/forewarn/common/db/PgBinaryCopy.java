package io.forewarn.common.db;

import java.util.Arrays;

/**
 * The fixed parts of PostgreSQL's binary COPY format (manual: COPY, "Binary Format") that the gateway's
 * writer and roll-up reader and the simulator's history writer share.
 */
public final class PgBinaryCopy {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  public static final int SIGNATURE_BYTES = SIGNATURE.length;
  /** The signature, then the flags and header-extension-length integers. */
  public static final int HEADER_BYTES = SIGNATURE_BYTES + 4 + 4;
  /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z: this is that instant in Unix micros. */
  public static final long PG_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;
  public static final int INT2_OID = 21;
  public static final int FLOAT8_OID = 701;

  private PgBinaryCopy() {}

  /** A fresh copy of the 11-byte signature every binary COPY stream starts with. */
  public static byte[] signature() {
    return SIGNATURE.clone();
  }

  public static boolean isSignature(byte[] bytes) {
    return Arrays.equals(bytes, SIGNATURE);
  }
}
