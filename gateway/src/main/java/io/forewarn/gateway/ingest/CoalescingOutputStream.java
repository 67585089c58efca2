package io.forewarn.gateway.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A socket output stream whose {@code flush} is deferred by at most {@link #DELAY_MICROS}. Paho's
 * sender writes and flushes every packet on its own, so the gateway's acknowledgements of a
 * committed batch (thousands of 4-byte PUBACKs in a few milliseconds) each became a {@code send}
 * system call and a loopback TCP segment the broker had to read. Deferred, they leave in a few
 * writes. Nothing waits longer than the delay; {@link #close} writes out what is buffered at once.
 * A failed deferred write closes the socket (so Paho's receiver sees the broken connection and
 * reconnects, the broker redelivers what was not acknowledged) and fails the next call.
 */
final class CoalescingOutputStream extends OutputStream {
  static final long DELAY_MICROS = 1_000;
  static final int BUFFER_BYTES = 64 * 1024;
  private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "forewarn-mqtt-flush");
    t.setDaemon(true);
    return t;
  });

  private final OutputStream out;
  private final AutoCloseable onFailure;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int count;
  private boolean flushScheduled;
  private IOException failure;

  /**
   * @param out       the socket's own stream
   * @param onFailure closed when a deferred write fails (the socket)
   */
  CoalescingOutputStream(OutputStream out, AutoCloseable onFailure) {
    this.out = out;
    this.onFailure = onFailure;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    checkFailure();
    if (len > buffer.length - count) {
      writeBuffer();
    }
    if (len >= buffer.length) {
      out.write(b, off, len);
      return;
    }
    System.arraycopy(b, off, buffer, count, len);
    count += len;
  }

  @Override
  public synchronized void flush() throws IOException {
    checkFailure();
    if (count > 0 && !flushScheduled) {
      flushScheduled = true;
      FLUSHER.schedule(this::deferredFlush, DELAY_MICROS, TimeUnit.MICROSECONDS);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (failure == null) {
        writeOut();
      }
    } finally {
      out.close();
    }
  }

  /** Writes out what is buffered now (the socket is closing); a failure is only recorded. */
  synchronized void flushNow() {
    if (failure == null) {
      try {
        writeOut();
      } catch (IOException e) {
        failure = e;
      }
    }
  }

  private void deferredFlush() {
    boolean failed;
    synchronized (this) {
      flushScheduled = false;
      boolean wasHealthy = failure == null;
      flushNow();
      failed = wasHealthy && failure != null;
    }
    // Outside our lock: closing the socket takes the socket's lock and then ours (flushNow), so
    // holding ours here could deadlock against a thread closing the socket.
    if (failed) {
      try {
        onFailure.close();
      } catch (Exception ignored) {
        // already broken; Paho's receiver reports the connection loss
      }
    }
  }

  private void writeOut() throws IOException {
    writeBuffer();
    out.flush();
  }

  private void writeBuffer() throws IOException {
    if (count > 0) {
      out.write(buffer, 0, count);
      count = 0;
    }
  }

  private void checkFailure() throws IOException {
    if (failure != null) {
      throw new IOException("connection failed while writing buffered packets", failure);
    }
  }
}
