package io.forewarn.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Devices that behave as the MQTT contract asks: QoS 1, persistent sessions, and republishing any
 * message the broker never acknowledged (at-least-once from the device's side). Message {@code seq}
 * carries metric {@code seq} and ts = base + seq ms, so the database can be checked row by row.
 */
final class NumberedPublisher implements AutoCloseable {
  private final List<MqttAsyncClient> clients = new ArrayList<>();
  private final BitSet acked = new BitSet();
  private final Instant base;
  private final int devices;

  NumberedPublisher(String uri, int connections, int devices, Instant base) throws MqttException {
    this.base = base;
    this.devices = devices;
    String run = UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < connections; i++) {
      MqttAsyncClient c = new MqttAsyncClient(uri, "rel-pub-" + run + "-" + i, new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      // A clean session on every (re)connect: Paho v5 resuming its in-flight state after a broker restart
      // is refused by Mosquitto as a protocol error, in a loop. Unacknowledged messages are republished
      // by completeWithin instead (at-least-once, deduplicated by the gateway).
      o.setCleanStart(true);
      o.setAutomaticReconnect(true);
      o.setAutomaticReconnectDelay(1, 2);
      c.connect(o).waitForCompletion(10_000);
      clients.add(c);
    }
  }

  /** Publishes seq in [from, to) at {@code rate} msg/s; messages refused while the broker is away are retried later. */
  void publish(int from, int to, int rate) throws InterruptedException {
    long start = System.nanoTime();
    for (int seq = from; seq < to; seq++) {
      long due = start + (long) ((seq - from) * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      send(seq);
    }
  }

  /** Republishes what is not acknowledged until everything is, or the time is up. Returns unacknowledged count. */
  int completeWithin(int total, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      int missing = 0;
      for (int seq = 0; seq < total; seq++) {
        if (!isAcked(seq)) {
          missing++;
          send(seq);
        }
      }
      if (missing == 0) {
        return 0;
      }
    }
    int missing = 0;
    for (int seq = 0; seq < total; seq++) {
      missing += isAcked(seq) ? 0 : 1;
    }
    return missing;
  }

  /** The sequence numbers the broker acknowledged. */
  synchronized BitSet acknowledged() {
    return (BitSet) acked.clone();
  }

  private synchronized boolean isAcked(int seq) {
    return acked.get(seq);
  }

  private synchronized void markAcked(int seq) {
    acked.set(seq);
  }

  private void send(int seq) throws InterruptedException {
    MqttAsyncClient c = clients.get(seq % clients.size());
    String topic = "devices/rel-" + (seq % devices) + "/telemetry";
    String payload = "{\"ts\":\"" + base.plusMillis(seq) + "\",\"metrics\":{\"seq\":" + seq + "}}";
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    for (int attempt = 0; attempt < 200; attempt++) {
      try {
        c.publish(topic, m, null, new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            markAcked(seq);
          }

          @Override
          public void onFailure(IMqttToken token, Throwable cause) {
            // Retried by completeWithin.
          }
        });
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            && e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED) {
          return; // Left unacknowledged: completeWithin republishes it.
        }
        Thread.sleep(5);
      }
    }
  }

  @Override
  public void close() {
    for (MqttAsyncClient c : clients) {
      try {
        c.disconnect().waitForCompletion(5_000);
        c.close();
      } catch (MqttException ignored) {
        // Teardown.
      }
    }
  }
}
