package io.forewarn.rules.detection;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes and reads detector state as bytes, so the service can persist it across restarts. Every
 * snapshot starts with a kind tag and a format version, so bytes of one detector are never read as
 * another's.
 */
public final class StateBytes {
  private StateBytes() {}

  /** Grows as needed; {@link #toByteArray()} returns exactly the bytes written. */
  public static final class Writer {
    private ByteBuffer buf = ByteBuffer.allocate(256);

    public Writer(int kind, int version) {
      putInt(kind).putInt(version);
    }

    private void ensure(int more) {
      if (buf.remaining() < more) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
    }

    public Writer putInt(int v) {
      ensure(4);
      buf.putInt(v);
      return this;
    }

    public Writer putLong(long v) {
      ensure(8);
      buf.putLong(v);
      return this;
    }

    public Writer putDouble(double v) {
      ensure(8);
      buf.putDouble(v);
      return this;
    }

    public Writer putDoubles(double[] v) {
      putInt(v.length);
      ensure(8 * v.length);
      for (double d : v) {
        buf.putDouble(d);
      }
      return this;
    }

    /** A nested state (length-prefixed), e.g. a detector's own snapshot inside a rule instance's. */
    public Writer putBytes(byte[] v) {
      putInt(v.length);
      ensure(v.length);
      buf.put(v);
      return this;
    }

    public Writer putLongs(long[] v) {
      putInt(v.length);
      ensure(8 * v.length);
      for (long l : v) {
        buf.putLong(l);
      }
      return this;
    }

    public byte[] toByteArray() {
      return Arrays.copyOf(buf.array(), buf.position());
    }
  }

  /** Reads what a {@link Writer} wrote; throws {@link IllegalArgumentException} on foreign or cut bytes. */
  /** The version written in a state's header, so a reader can accept an older layout. */
  public static int versionOf(byte[] bytes) {
    if (bytes == null || bytes.length < 8) {
      throw new IllegalArgumentException("state bytes are cut short");
    }
    return ByteBuffer.wrap(bytes, 4, 4).getInt();
  }

  public static final class Reader {
    private final ByteBuffer buf;

    public Reader(byte[] bytes, int kind, int version) {
      this.buf = ByteBuffer.wrap(bytes);
      int k = getInt();
      int v = getInt();
      if (k != kind || v != version) {
        throw new IllegalArgumentException(
            "state is kind " + k + " v" + v + ", expected kind " + kind + " v" + version);
      }
    }

    public int getInt() {
      try {
        return buf.getInt();
      } catch (BufferUnderflowException e) {
        throw new IllegalArgumentException("state bytes are cut short", e);
      }
    }

    public long getLong() {
      try {
        return buf.getLong();
      } catch (BufferUnderflowException e) {
        throw new IllegalArgumentException("state bytes are cut short", e);
      }
    }

    public double getDouble() {
      try {
        return buf.getDouble();
      } catch (BufferUnderflowException e) {
        throw new IllegalArgumentException("state bytes are cut short", e);
      }
    }

    public double[] getDoubles() {
      double[] v = new double[checkedLength(8)];
      for (int i = 0; i < v.length; i++) {
        v[i] = getDouble();
      }
      return v;
    }

    public byte[] getBytes() {
      byte[] v = new byte[checkedLength(1)];
      buf.get(v);
      return v;
    }

    public long[] getLongs() {
      long[] v = new long[checkedLength(8)];
      for (int i = 0; i < v.length; i++) {
        v[i] = getLong();
      }
      return v;
    }

    private int checkedLength(int elementBytes) {
      int n = getInt();
      if (n < 0 || (long) n * elementBytes > buf.remaining()) {
        throw new IllegalArgumentException("state bytes hold a bad array length " + n);
      }
      return n;
    }

    /** Fails when bytes are left over: they would mean the state was written by another layout. */
    public void end() {
      if (buf.hasRemaining()) {
        throw new IllegalArgumentException(buf.remaining() + " unexpected trailing state bytes");
      }
    }
  }
}
