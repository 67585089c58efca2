package io.forewarn.gateway.it;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A device-like Paho publisher for tests: QoS 1, waits for every PUBACK before it is closed. */
final class TestPublisher implements AutoCloseable {
  private static final int WINDOW = 10;
  private final MqttAsyncClient client;
  private final Deque<IMqttToken> inFlight = new ArrayDeque<>();

  TestPublisher(String uri, String clientId) throws MqttException {
    client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o).waitForCompletion(10_000);
  }

  void publish(String topic, byte[] payload) throws MqttException {
    while (inFlight.size() >= WINDOW) {
      inFlight.removeFirst().waitForCompletion(10_000);
    }
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    for (int attempt = 0;; attempt++) {
      try {
        inFlight.addLast(client.publish(topic, m));
        return;
      } catch (MqttException e) {
        // Paho frees an in-flight slot a moment after the token completes.
        if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT
            || attempt > 1_000) {
          throw e;
        }
        flush();
        sleep();
      }
    }
  }

  void publish(String topic, String payload) throws MqttException {
    publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void sleep() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void flush() throws MqttException {
    while (!inFlight.isEmpty()) {
      inFlight.removeFirst().waitForCompletion(10_000);
    }
  }

  @Override
  public void close() throws MqttException {
    flush();
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
