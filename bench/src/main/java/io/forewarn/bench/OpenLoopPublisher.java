package io.forewarn.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Open-loop QoS 1 load: the schedule (rate x elapsed) does not slow down when the broker does;
 * messages that cannot go out on time (every connection's in-flight window full) go as soon as a
 * window opens and the tick is counted as late. Each message is one device sample of
 * {@code metrics} numbers with ts = wall-clock publish time, unique per device.
 */
final class OpenLoopPublisher implements AutoCloseable {
  private static final int MAX_IN_FLIGHT = 2_000;

  private final List<LeanMqttConnection> connections = new ArrayList<>();
  private final byte[][] topics;
  private final long[] lastTs;
  private final int metrics;
  private long sent;
  private long late;
  private int next;

  OpenLoopPublisher(String uri, int connectionCount, int devices, int metrics, String runId) throws IOException {
    URI u = URI.create(uri);
    for (int i = 0; i < connectionCount; i++) {
      connections.add(new LeanMqttConnection(u.getHost(), u.getPort(), "bench-pub-" + runId + "-" + i, MAX_IN_FLIGHT));
    }
    this.metrics = metrics;
    this.lastTs = new long[devices];
    this.topics = new byte[devices][];
    for (int d = 0; d < devices; d++) {
      topics[d] = ("devices/bench-" + d + "/telemetry").getBytes(StandardCharsets.UTF_8);
    }
  }

  long sent() {
    return sent;
  }

  long acked() {
    return connections.stream().mapToLong(LeanMqttConnection::acked).sum();
  }

  long late() {
    return late;
  }

  /** Publishes at {@code rate} msg/s for {@code duration}; returns the messages sent in this step. */
  long run(int rate, Duration duration) throws IOException, InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long stepSent = 0;
    for (long now = start; now < end; now = System.nanoTime()) {
      long due = (long) ((now - start) / 1e9 * rate);
      int blocked = 0;
      while (stepSent < due && blocked < connections.size()) {
        LeanMqttConnection c = connections.get(next++ % connections.size());
        if (c.hasWindow()) {
          publishOne(c);
          stepSent++;
          blocked = 0;
        } else {
          blocked++;
        }
      }
      if (stepSent < due) {
        late++;
      }
      for (LeanMqttConnection c : connections) {
        c.flush();
      }
      Thread.sleep(1);
    }
    return stepSent;
  }

  private void publishOne(LeanMqttConnection c) throws IOException {
    int device = (int) (sent % topics.length);
    long ts = Math.max(System.currentTimeMillis(), lastTs[device] + 1);
    StringBuilder sb = new StringBuilder(200).append("{\"ts\":").append(ts).append(",\"metrics\":{");
    for (int m = 0; m < metrics; m++) {
      sb.append(m == 0 ? "" : ",").append("\"m").append(m).append("\":").append((ts % 1000) / 10.0 + m);
    }
    sb.append("}}");
    c.publish(topics[device], sb.toString().getBytes(StandardCharsets.UTF_8));
    lastTs[device] = ts;
    sent++;
  }

  /** Waits until the broker acknowledged every message sent (bounded). */
  void awaitAcks(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acked() < sent && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws IOException {
    for (LeanMqttConnection c : connections) {
      c.close();
    }
  }
}
