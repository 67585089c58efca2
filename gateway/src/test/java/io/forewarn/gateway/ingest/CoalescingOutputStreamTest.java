package io.forewarn.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CoalescingOutputStreamTest {

  /** The socket's stream: records what reached it and how many writes it took. */
  private static final class Wire extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int writes;
    volatile boolean broken;

    @Override
    public synchronized void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (broken) {
        throw new IOException("connection reset");
      }
      writes++;
      bytes.write(b, off, len);
    }

    synchronized int writes() {
      return writes;
    }

    synchronized int size() {
      return bytes.size();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Test
  void a_burst_of_flushed_acknowledgements_leaves_in_one_write() throws Exception {
    // GIVEN a stream over the wire
    Wire wire = new Wire();
    CoalescingOutputStream out = new CoalescingOutputStream(wire, () -> {});
    // WHEN 2 000 four-byte PUBACKs are each written and flushed, as Paho's sender does
    for (int i = 0; i < 2_000; i++) {
      out.write(new byte[] {0x40, 0x02, (byte) (i >> 8), (byte) i}, 0, 4);
      out.flush();
    }
    // THEN every byte arrives shortly after, in order, in a handful of writes instead of 2 000
    waitFor(() -> wire.size() == 8_000);
    assertThat(wire.size()).isEqualTo(8_000);
    assertThat(wire.bytes.toByteArray()[4 * 1999 + 3]).isEqualTo((byte) 1999);
    assertThat(wire.writes()).isLessThan(10);
  }

  @Test
  void nothing_flushed_waits_longer_than_the_delay() throws Exception {
    Wire wire = new Wire();
    CoalescingOutputStream out = new CoalescingOutputStream(wire, () -> {});
    out.write(new byte[] {(byte) 0xC0, 0x00}, 0, 2);
    // GIVEN a PINGREQ written but not flushed, nothing goes out
    Thread.sleep(20);
    assertThat(wire.size()).isZero();
    // WHEN it is flushed THEN it leaves within a few milliseconds
    out.flush();
    waitFor(() -> wire.size() == 2);
    assertThat(wire.size()).isEqualTo(2);
  }

  @Test
  void a_write_larger_than_the_buffer_goes_straight_through_after_what_is_buffered() throws Exception {
    Wire wire = new Wire();
    CoalescingOutputStream out = new CoalescingOutputStream(wire, () -> {});
    out.write(new byte[] {1, 2}, 0, 2);
    byte[] big = new byte[CoalescingOutputStream.BUFFER_BYTES + 10];
    big[0] = 9;
    out.write(big, 0, big.length);
    byte[] wireBytes = wire.bytes.toByteArray();
    assertThat(wireBytes).hasSize(big.length + 2);
    assertThat(wireBytes[0]).isEqualTo((byte) 1);
    assertThat(wireBytes[2]).isEqualTo((byte) 9);
  }

  @Test
  void closing_writes_out_what_is_buffered_at_once() throws Exception {
    Wire wire = new Wire();
    CoalescingOutputStream out = new CoalescingOutputStream(wire, () -> {});
    out.write(new byte[] {(byte) 0xE0, 0x00}, 0, 2);
    out.close();
    assertThat(wire.size()).isEqualTo(2);
  }

  @Test
  void a_failed_deferred_write_closes_the_socket_and_fails_the_next_call() throws Exception {
    // GIVEN a wire that breaks
    Wire wire = new Wire();
    AtomicBoolean socketClosed = new AtomicBoolean();
    CoalescingOutputStream out = new CoalescingOutputStream(wire, () -> socketClosed.set(true));
    wire.broken = true;
    // WHEN a flushed packet cannot be written
    out.write(new byte[] {0x40, 0x02, 0, 1}, 0, 4);
    out.flush();
    waitFor(socketClosed::get);
    // THEN the socket is closed (Paho's receiver sees it) and the sender's next call fails clearly
    assertThat(socketClosed).isTrue();
    assertThatThrownBy(() -> out.write(new byte[] {1}, 0, 1)).isInstanceOf(IOException.class)
        .hasMessageContaining("connection failed");
  }
}
