package io.forewarn.simulator.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT v5 sessions (Paho {@link MqttAsyncClient}) publishing at QoS 1, each with a bounded number of
 * messages in flight ({@link PahoSession}); the fleet streamer publishes device {@code d}'s messages
 * on session {@code d % size()}, so with one session per device each publishes on its own.
 * {@link #open} makes a few shared connections, anonymous or as one account (the load generator's);
 * {@link DeviceConnections#open} one per device, logged in as that device. Client ids are unique per
 * run so a broker never hands one run's persistent session to another.
 */
public final class MqttConnections implements PublishChannels {
  private static final Logger LOG = LoggerFactory.getLogger(MqttConnections.class);
  private static final int KEEP_ALIVE_SECONDS = 30;

  private final List<PahoSession> sessions;
  private final int maxInFlight;
  private final PublishCounters counters;
  private final Runnable afterClose;

  MqttConnections(List<PahoSession> sessions, int maxInFlight, PublishCounters counters, Runnable afterClose) {
    this.sessions = List.copyOf(sessions);
    this.maxInFlight = maxInFlight;
    this.counters = counters;
    this.afterClose = afterClose;
  }

  /**
   * Opens {@code count} connections, logged in as {@code login} (null: anonymous). The in-flight bound
   * per connection is the lower of {@code maxInFlight} and the broker's Receive Maximum, since Paho
   * refuses to exceed the latter.
   */
  public static MqttConnections open(String uri, String clientIdPrefix, int count, int maxInFlight,
      MqttLogin login, PublishCounters counters) throws MqttException {
    if (count < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("need at least one connection and one message in flight");
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<MqttAsyncClient> clients = new ArrayList<>();
    int limit = maxInFlight;
    try {
      for (int i = 0; i < count; i++) {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientIdPrefix + "-" + run + "-" + i,
            new MemoryPersistence());
        clients.add(client);
        IMqttToken token = client.connect(PahoSession.options(login, KEEP_ALIVE_SECONDS));
        token.waitForCompletion(TimeUnit.SECONDS.toMillis(PahoSession.CONNECT_TIMEOUT_SECONDS));
        limit = PahoSession.receiveMaximum(token, limit);
      }
    } catch (MqttException e) {
      PahoSession.closeAll(clients);
      throw e;
    }
    List<PahoSession> sessions = new ArrayList<>();
    for (MqttAsyncClient client : clients) {
      sessions.add(new PahoSession(client, limit, counters));
    }
    LOG.info("connected {} MQTT clients to {} as {} ({} messages in flight each)", count, uri,
        login == null ? "anonymous" : login.username(), limit);
    return new MqttConnections(sessions, limit, counters, () -> {});
  }

  @Override
  public int size() {
    return sessions.size();
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
    return sessions.get(c).hasRoom();
  }

  /** Publishes if connection {@code c} has room in flight; returns false (nothing sent) when it is full. */
  @Override
  public boolean tryPublish(int c, String topic, byte[] payload) {
    return sessions.get(c).tryPublish(topic, payload);
  }

  /** Waits up to {@code timeoutMillis} for room in flight; false when none came. Never call from a Paho thread. */
  public boolean publish(int c, String topic, byte[] payload, long timeoutMillis) throws InterruptedException {
    return sessions.get(c).publish(topic, payload, timeoutMillis);
  }

  /** Messages currently awaiting their PUBACK, over all connections. */
  @Override
  public int inFlight() {
    int n = 0;
    for (PahoSession s : sessions) {
      n += s.inFlight();
    }
    return n;
  }

  @Override
  public void close() {
    PahoSession.closeAll(sessions.stream().map(PahoSession::client).toList());
    afterClose.run();
  }
}
