package io.forewarn.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected Paho MQTT 5 client publishing at QoS 1 with at most {@code limit} messages awaiting
 * their PUBACK. Paho's callbacks only count and release a permit: they never block. A PUBACK with a
 * reason code of 0x80 or above (e.g. 0x87 "not authorized") counts as failed.
 */
final class PahoSession {
  private static final Logger LOG = LoggerFactory.getLogger(PahoSession.class);
  private static final int QOS = 1;
  static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final long CLOSE_QUIESCE_MILLIS = 5_000;
  private static final int CLOSING_THREADS = 32;

  private final MqttAsyncClient client;
  private final Semaphore permits;
  private final int limit;
  private final PublishCounters counters;

  PahoSession(MqttAsyncClient client, int limit, PublishCounters counters) {
    this.client = client;
    this.permits = new Semaphore(limit);
    this.limit = limit;
    this.counters = counters;
  }

  /** Clean start, automatic reconnect, and the login if there is one (null: anonymous). */
  static MqttConnectionOptions options(MqttLogin login, int keepAliveSeconds) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
    options.setKeepAliveInterval(keepAliveSeconds);
    if (login != null) {
      options.setUserName(login.username());
      options.setPassword(login.password().getBytes(StandardCharsets.UTF_8));
    }
    return options;
  }

  /** The broker's Receive Maximum from a completed connect token, or {@code fallback}. */
  static int receiveMaximum(IMqttToken connected, int fallback) {
    Integer brokerMax = connected.getResponseProperties() == null ? null
        : connected.getResponseProperties().getReceiveMaximum();
    return brokerMax != null && brokerMax > 0 ? Math.min(fallback, brokerMax) : fallback;
  }

  boolean hasRoom() {
    return permits.availablePermits() > 0;
  }

  int inFlight() {
    return limit - permits.availablePermits();
  }

  /** Publishes if there is room in flight; false (nothing sent) when it is full. */
  boolean tryPublish(String topic, byte[] payload) {
    if (!permits.tryAcquire()) {
      return false;
    }
    send(topic, payload);
    return true;
  }

  /** Waits up to {@code timeoutMillis} for room in flight; false when none came. Never call from a Paho thread. */
  boolean publish(String topic, byte[] payload, long timeoutMillis) throws InterruptedException {
    if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    send(topic, payload);
    return true;
  }

  private void send(String topic, byte[] payload) {
    long started = System.nanoTime();
    // Counted before the call: the PUBACK may arrive before publish() even returns.
    counters.onSent();
    try {
      client.publish(topic, payload, QOS, false, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          permits.release();
          if (refused(token)) {
            counters.onFailed();
          } else {
            counters.onAcked(System.nanoTime() - started);
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          permits.release();
          counters.onFailed();
        }
      });
    } catch (MqttException | RuntimeException e) {
      permits.release();
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

  /**
   * Disconnects every client (gracefully, bounded by the quiesce time), then releases their threads.
   * Paho 1.2.5's {@code disconnect()} sleeps 100 ms in the calling thread, so the disconnects run on
   * up to {@value #CLOSING_THREADS} threads: 300 device sessions close in about a second, not 30.
   */
  static void closeAll(List<MqttAsyncClient> clients) {
    if (!clients.isEmpty()) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_QUIESCE_MILLIS + 1_000);
      AtomicInteger n = new AtomicInteger();
      try (ExecutorService closing = Executors.newFixedThreadPool(Math.min(CLOSING_THREADS, clients.size()),
          r -> Thread.ofPlatform().daemon().name("mqtt-close-" + n.incrementAndGet()).unstarted(r))) {
        for (MqttAsyncClient client : clients) {
          closing.execute(() -> disconnect(client, deadline));
        }
      }
    }
    for (MqttAsyncClient client : clients) {
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("close failed: {}", e.toString());
      }
    }
  }

  private static void disconnect(MqttAsyncClient client, long deadline) {
    try {
      if (client.isConnected()) {
        client.disconnect(CLOSE_QUIESCE_MILLIS)
            .waitForCompletion(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (MqttException e) {
      LOG.debug("disconnect failed: {}", e.toString());
    }
  }

  MqttAsyncClient client() {
    return client;
  }
}
