package io.forewarn.simulator.it;

import io.forewarn.common.telemetry.Decoded;
import io.forewarn.common.telemetry.PayloadLimits;
import io.forewarn.common.telemetry.TelemetryDecoder;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Test helper: subscribes to every device topic and decodes each message with the gateway's
 * decoder (allowing old timestamps, as the demo gateway does), counting what it accepts.
 */
final class Subscriber implements AutoCloseable {
  private final MqttAsyncClient client;
  private final TelemetryDecoder decoder = new TelemetryDecoder(
      new PayloadLimits(PayloadLimits.DEFAULT_MAX_PAYLOAD_BYTES,
          200, 1000, Duration.ofMinutes(5), Duration.ofDays(3650)));
  final AtomicLong telemetry = new AtomicLong();
  final AtomicLong status = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final Set<String> deviceTs = ConcurrentHashMap.newKeySet();

  Subscriber(String uri) throws MqttException {
    client = new MqttAsyncClient(uri, "it-sub-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        Decoded d = decoder.decode(topic, message.getPayload(), Instant.now());
        switch (d) {
          case Decoded.Telemetry t -> {
            telemetry.incrementAndGet();
            deviceTs.add(t.deviceId() + "@" + t.samples().getFirst().ts());
          }
          case Decoded.Status s -> status.incrementAndGet();
          case Decoded.Rejected r -> rejected.incrementAndGet();
        }
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe("devices/#", 1).waitForCompletion(10_000);
  }

  /** Waits until {@code expected} telemetry messages arrived or the timeout passed. */
  void awaitTelemetry(long expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (telemetry.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
