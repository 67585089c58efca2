package io.forewarn.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publish → queryable latency, measured the same way for every system: a device of its own publishes
 * a message shaped like the load's (QoS 1) every {@link #INTERVAL_MILLIS}, then the probe polls the
 * hypertable by its (device_id, ts) key until the row is visible. One probe at a time, so the figure
 * is what a dashboard query would see; the samples go into an HdrHistogram per step.
 */
final class LatencyProbe implements AutoCloseable {
  static final String DEVICE = "bench-999999";
  private static final long INTERVAL_MILLIS = 100;
  private static final long GIVE_UP_MILLIS = 30_000;

  private final PeerSystem system;
  private final String jdbcUrl;
  private final MqttAsyncClient client;
  private final Thread thread;
  private final int metrics;
  private Histogram histogram = new Histogram(3_600_000_000L, 3);
  private long timeouts;
  private volatile boolean running = true;

  LatencyProbe(PeerSystem system, String mqttUri, String jdbcUrl, int metrics) throws Exception {
    this.system = system;
    this.jdbcUrl = jdbcUrl;
    this.metrics = metrics;
    client = new MqttAsyncClient(mqttUri, "latency-probe-" + ProcessHandle.current().pid(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o).waitForCompletion(10_000);
    thread = Thread.ofPlatform().name("latency-probe").start(this::loop);
  }

  /** The samples since the last call, and a fresh histogram for the next step. */
  synchronized Histogram take() {
    Histogram h = histogram;
    histogram = new Histogram(3_600_000_000L, 3);
    return h;
  }

  synchronized long timeouts() {
    return timeouts;
  }

  private void loop() {
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      int deviceId = -1;
      while (running) {
        long start = System.currentTimeMillis();
        Instant ts = Instant.ofEpochMilli(start);
        client.publish("devices/" + DEVICE + "/telemetry", message(start));
        if (deviceId < 0) {
          deviceId = awaitDeviceId();
        }
        long micros = awaitRow(c, deviceId, ts, System.nanoTime());
        synchronized (this) {
          if (micros < 0) {
            timeouts++;
          } else {
            histogram.recordValue(micros);
          }
        }
        Thread.sleep(Math.max(1, INTERVAL_MILLIS - (System.currentTimeMillis() - start)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (running) {
        System.err.println("latency probe stopped: " + e);
      }
    }
  }

  private int awaitDeviceId() throws Exception {
    long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
    int id;
    while ((id = system.deviceId(jdbcUrl, DEVICE)) < 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(5);
    }
    return id;
  }

  /** Microseconds from publish until the row is visible, or -1 after {@link #GIVE_UP_MILLIS}. */
  private long awaitRow(Connection c, int deviceId, Instant ts, long publishedNanos) throws Exception {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM telemetry WHERE device_id = ? AND ts = ?")) {
      s.setInt(1, deviceId);
      s.setTimestamp(2, Timestamp.from(ts));
      long deadline = publishedNanos + GIVE_UP_MILLIS * 1_000_000;
      while (System.nanoTime() < deadline && running) {
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return (System.nanoTime() - publishedNanos) / 1_000;
          }
        }
        Thread.sleep(2);
      }
      return -1;
    }
  }

  private MqttMessage message(long ts) {
    StringBuilder sb = new StringBuilder("{\"ts\":").append(ts).append(",\"metrics\":{");
    for (int m = 0; m < metrics; m++) {
      sb.append(m == 0 ? "" : ",").append("\"probe_m").append(m).append("\":").append(m);
    }
    MqttMessage msg = new MqttMessage(sb.append("}}").toString().getBytes(StandardCharsets.UTF_8));
    msg.setQos(1);
    return msg;
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.interrupt();
    thread.join(5_000);
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
