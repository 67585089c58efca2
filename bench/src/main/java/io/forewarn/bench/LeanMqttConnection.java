package io.forewarn.bench;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal MQTT 3.1.1 publisher connection (QoS 1, clean session, no keep-alive): a load
 * generator that spends its CPU on the system under test rather than on itself. Publishes are
 * buffered and flushed by the caller; a reader thread counts PUBACKs.
 */
final class LeanMqttConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final AtomicLong acked = new AtomicLong();
  private final Thread reader;
  private final int maxInFlight;
  private long published;
  private int nextId = 1;
  private volatile boolean closed;

  LeanMqttConnection(String host, int port, String clientId, int maxInFlight) throws IOException {
    this.maxInFlight = maxInFlight;
    this.socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
    byte[] variable = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0};
    writeHeader(0x10, variable.length + 2 + id.length);
    out.write(variable);
    writeString(id);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] connack = new byte[4];
    in.readFully(connack);
    if (connack[0] != 0x20 || connack[3] != 0) {
      throw new IOException("CONNACK refused: code " + connack[3]);
    }
    reader = Thread.ofPlatform().daemon().name("lean-mqtt-ack-" + clientId).start(() -> readAcks(in));
  }

  boolean hasWindow() {
    return published - acked.get() < maxInFlight;
  }

  long acked() {
    return acked.get();
  }

  void publish(byte[] topic, byte[] payload) throws IOException {
    int id = nextId;
    nextId = nextId == 65_535 ? 1 : nextId + 1;
    writeHeader(0x32, 2 + topic.length + 2 + payload.length);
    writeString(topic);
    out.write(id >>> 8);
    out.write(id & 0xFF);
    out.write(payload);
    published++;
  }

  void flush() throws IOException {
    out.flush();
  }

  private void readAcks(DataInputStream in) {
    try {
      while (!closed) {
        int type = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        in.skipNBytes(length);
        if ((type & 0xF0) == 0x40) {
          acked.incrementAndGet();
        }
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  private void writeHeader(int type, int remaining) throws IOException {
    out.write(type);
    do {
      int digit = remaining % 128;
      remaining /= 128;
      out.write(remaining > 0 ? digit | 0x80 : digit);
    } while (remaining > 0);
  }

  private void writeString(byte[] s) throws IOException {
    out.write(s.length >>> 8);
    out.write(s.length & 0xFF);
    out.write(s);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      out.write(0xE0);
      out.write(0);
      out.flush();
    } finally {
      socket.close();
    }
  }
}
