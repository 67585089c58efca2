package io.forewarn.simulator.mqtt;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Minimal MQTT 3.1.1 publishers (QoS 1, clean session, no keep-alive, optionally logged in) over plain sockets. Writes are
 * buffered and flushed by the publishing thread; a reader thread per connection counts PUBACKs,
 * which a broker sends in publish order, so the oldest send time gives each message's ack latency.
 * Paho spends ~4x the CPU per message; on a 2-core benchmark machine that CPU belongs to the
 * system under test.
 */
public final class LeanConnections implements PublishChannels {
  private final List<Connection> connections = new ArrayList<>();
  private final PublishCounters counters;

  private LeanConnections(PublishCounters counters) {
    this.counters = counters;
  }

  /** Opens {@code count} connections, logged in as {@code login} (null: anonymous). */
  public static LeanConnections open(String uri, String clientIdPrefix, int count, int maxInFlight,
      MqttLogin login, PublishCounters counters) throws IOException {
    URI u = URI.create(uri);
    if (!"tcp".equals(u.getScheme())) {
      throw new IllegalArgumentException("the lean client speaks plain tcp:// only, not " + uri);
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    LeanConnections set = new LeanConnections(counters);
    try {
      for (int i = 0; i < count; i++) {
        set.connections.add(new Connection(u.getHost(), u.getPort() < 0 ? 1883 : u.getPort(),
            clientIdPrefix + "-" + run + "-" + i, login, maxInFlight, counters));
      }
    } catch (IOException e) {
      set.close();
      throw e;
    }
    return set;
  }

  @Override
  public int size() {
    return connections.size();
  }

  @Override
  public boolean hasRoom(int c) {
    return connections.get(c).hasRoom();
  }

  @Override
  public boolean tryPublish(int c, String topic, byte[] payload) {
    Connection connection = connections.get(c);
    if (!connection.hasRoom()) {
      return false;
    }
    connection.publish(topic.getBytes(StandardCharsets.UTF_8), payload);
    counters.onSent();
    return true;
  }

  @Override
  public void flush(int c) {
    connections.get(c).flush();
  }

  @Override
  public int inFlight() {
    long n = 0;
    for (Connection c : connections) {
      n += c.inFlight();
    }
    return (int) n;
  }

  @Override
  public PublishCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    connections.forEach(Connection::close);
  }

  /** One socket: written by one publishing thread, read by its own ack thread. */
  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final int maxInFlight;
    private final PublishCounters counters;
    private final ConcurrentLinkedQueue<Long> sendTimes = new ConcurrentLinkedQueue<>();
    private final AtomicLong acked = new AtomicLong();
    private long published;
    private int nextId = 1;
    private volatile boolean closed;

    Connection(String host, int port, String clientId, MqttLogin login, int maxInFlight, PublishCounters counters)
        throws IOException {
      this.maxInFlight = maxInFlight;
      this.counters = counters;
      this.socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
      byte[] user = login == null ? new byte[0] : login.username().getBytes(StandardCharsets.UTF_8);
      byte[] password = login == null ? new byte[0] : login.password().getBytes(StandardCharsets.UTF_8);
      // Connect flags: clean session (0x02), plus user name (0x80) and password (0x40) when logging in.
      byte flags = (byte) (login == null ? 0x02 : 0xC2);
      byte[] header = {0, 4, 'M', 'Q', 'T', 'T', 4, flags, 0, 0};
      fixedHeader(0x10, header.length + 2 + id.length + (login == null ? 0 : 4 + user.length + password.length));
      out.write(header);
      string(id);
      if (login != null) {
        string(user);
        string(password);
      }
      out.flush();
      // Buffered: unbuffered, every PUBACK cost two recv() calls (type byte, then length and id).
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
      byte[] connack = new byte[4];
      in.readFully(connack);
      if (connack[0] != 0x20 || connack[3] != 0) {
        socket.close();
        throw new IOException("broker refused the connection (CONNACK code " + connack[3]
            + (connack[3] == 4 ? ": bad user name or password" : connack[3] == 5 ? ": not authorized" : "") + ")");
      }
      Thread.ofPlatform().daemon().name("lean-mqtt-acks-" + clientId).start(() -> readAcks(in));
    }

    boolean hasRoom() {
      return published - acked.get() < maxInFlight;
    }

    long inFlight() {
      return published - acked.get();
    }

    void publish(byte[] topic, byte[] payload) {
      int id = nextId;
      nextId = nextId == 65_535 ? 1 : nextId + 1;
      try {
        fixedHeader(0x32, 2 + topic.length + 2 + payload.length);
        string(topic);
        out.write(id >>> 8);
        out.write(id & 0xFF);
        out.write(payload);
      } catch (IOException e) {
        throw new UncheckedIOException("publish failed: connection lost", e);
      }
      sendTimes.add(System.nanoTime());
      published++;
    }

    void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("flush failed: connection lost", e);
      }
    }

    private void readAcks(DataInputStream in) {
      try {
        while (!closed) {
          int type = in.readUnsignedByte();
          in.skipNBytes(in.readUnsignedByte());
          if ((type & 0xF0) == 0x40) {
            Long sentAt = sendTimes.poll();
            acked.incrementAndGet();
            counters.onAcked(sentAt == null ? 0 : System.nanoTime() - sentAt);
          }
        }
      } catch (IOException e) {
        // Closed, or the broker went away: what is unacknowledged stays counted as in flight.
      }
    }

    private void fixedHeader(int type, int remaining) throws IOException {
      out.write(type);
      do {
        int digit = remaining % 128;
        remaining /= 128;
        out.write(remaining > 0 ? digit | 0x80 : digit);
      } while (remaining > 0);
    }

    private void string(byte[] s) throws IOException {
      out.write(s.length >>> 8);
      out.write(s.length & 0xFF);
      out.write(s);
    }

    void close() {
      closed = true;
      try {
        out.write(0xE0);
        out.write(0);
        out.flush();
      } catch (IOException ignored) {
        // Already gone.
      }
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already gone.
      }
    }
  }
}
