package io.forewarn.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few shared MQTT v5 connections (Paho {@link MqttAsyncClient}) publishing at QoS 1, each with a
 * bounded number of messages in flight. Client ids are unique per run so a broker never hands one
 * run's persistent session to another. Paho's callbacks only count and release a permit: they
 * never block.
 */
public final class MqttConnections implements PublishChannels {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConnections.class);
  private static final int QOS = 1;
  private static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final long CLOSE_QUIESCE_MILLIS = 5_000;

  private final List<MqttAsyncClient> clients;
  private final List<Semaphore> inFlight;
  private final int maxInFlight;
  private final PublishCounters counters;

  private MqttConnections(List<MqttAsyncClient> clients, List<Semaphore> inFlight, int maxInFlight,
      PublishCounters counters) {
    this.clients = clients;
    this.inFlight = inFlight;
    this.maxInFlight = maxInFlight;
    this.counters = counters;
  }

  /**
   * Opens {@code count} connections. The in-flight bound per connection is the lower of
   * {@code maxInFlight} and the broker's Receive Maximum, since Paho refuses to exceed the latter.
   */
  public static MqttConnections open(String uri, String clientIdPrefix, int count, int maxInFlight,
      PublishCounters counters) throws MqttException {
    if (count < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("need at least one connection and one message in flight");
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<MqttAsyncClient> clients = new ArrayList<>();
    int limit = maxInFlight;
    try {
      for (int i = 0; i < count; i++) {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientIdPrefix + "-" + run + "-" + i, new MemoryPersistence());
        clients.add(client);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setKeepAliveInterval(30);
        IMqttToken token = client.connect(options);
        token.waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS));
        Integer brokerMax = token.getResponseProperties() == null ? null
            : token.getResponseProperties().getReceiveMaximum();
        if (brokerMax != null && brokerMax > 0) {
          limit = Math.min(limit, brokerMax);
        }
      }
    } catch (MqttException e) {
      closeAll(clients);
      throw e;
    }
    List<Semaphore> permits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      permits.add(new Semaphore(limit));
    }
    LOG.info("connected {} MQTT clients to {} ({} messages in flight each)", count, uri, limit);
    return new MqttConnections(clients, permits, limit, counters);
  }

  @Override
  public int size() {
    return clients.size();
  }

  public int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public PublishCounters counters() {
    return counters;
  }

  /**
   * Whether connection {@code c} has room for another message in flight. When a single thread
   * publishes on {@code c}, a true answer means its next {@link #tryPublish} succeeds.
   */
  @Override
  public boolean hasRoom(int c) {
    return inFlight.get(c).availablePermits() > 0;
  }

  /** Publishes if connection {@code c} has room in flight; returns false (nothing sent) when it is full. */
  @Override
  public boolean tryPublish(int c, String topic, byte[] payload) {
    if (!inFlight.get(c).tryAcquire()) {
      return false;
    }
    send(c, topic, payload);
    return true;
  }

  /** Waits up to {@code timeoutMillis} for room in flight; false when none came. Never call from a Paho thread. */
  public boolean publish(int c, String topic, byte[] payload, long timeoutMillis) throws InterruptedException {
    if (!inFlight.get(c).tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    send(c, topic, payload);
    return true;
  }

  /** Messages currently awaiting their PUBACK, over all connections. */
  @Override
  public int inFlight() {
    int n = 0;
    for (Semaphore s : inFlight) {
      n += maxInFlight - s.availablePermits();
    }
    return n;
  }

  private void send(int c, String topic, byte[] payload) {
    Semaphore permit = inFlight.get(c);
    long started = System.nanoTime();
    // Counted before the call: the PUBACK may arrive before publish() even returns.
    counters.onSent();
    try {
      clients.get(c).publish(topic, payload, QOS, false, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          permit.release();
          if (refused(token)) {
            counters.onFailed();
          } else {
            counters.onAcked(System.nanoTime() - started);
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          permit.release();
          counters.onFailed();
        }
      });
    } catch (MqttException | RuntimeException e) {
      permit.release();
      counters.onFailed();
      LOG.debug("publish to {} failed: {}", topic, e.toString());
    }
  }

  /** An MQTT v5 PUBACK with a reason code of 0x80 or above means the broker did not take the message. */
  private static boolean refused(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    if (codes == null) {
      return false;
    }
    for (int code : codes) {
      if (code >= 0x80) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    closeAll(clients);
  }

  private static void closeAll(List<MqttAsyncClient> clients) {
    for (MqttAsyncClient client : clients) {
      try {
        if (client.isConnected()) {
          client.disconnect(CLOSE_QUIESCE_MILLIS).waitForCompletion(CLOSE_QUIESCE_MILLIS + 1000);
        }
      } catch (MqttException e) {
        LOG.debug("disconnect failed: {}", e.toString());
      }
      try {
        client.close();
      } catch (MqttException e) {
        LOG.debug("close failed: {}", e.toString());
      }
    }
  }
}
