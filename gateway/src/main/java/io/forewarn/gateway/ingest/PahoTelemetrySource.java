package io.forewarn.gateway.ingest;

import io.forewarn.common.telemetry.TopicKind;
import io.forewarn.gateway.metrics.GatewayMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eclipse Paho MQTT v5 client: persistent session (clean start off), QoS 1 shared subscriptions,
 * manual acknowledgements. Paho calls back on its own thread; messages are queued and handed to
 * the owning Vert.x context in bursts, so Paho's thread never waits for us.
 *
 * <p>Reconnecting is ours, not Paho's automatic reconnect: only the CONNACK of our own connect
 * tells whether the broker resumed the session, and only then are the copies held from the lost
 * connection redundant (the broker resends them). Without dropping them, a gateway that cannot
 * store and keeps losing its connection holds another receive maximum of copies each time.
 */
public final class PahoTelemetrySource implements TelemetrySource, MqttCallback {
  private static final Logger LOG = LoggerFactory.getLogger(PahoTelemetrySource.class);
  private static final int QOS = 1;
  private static final long FIRST_RETRY_MS = 500;
  private static final long MAX_RETRY_MS = 30_000;
  private static final long DISCONNECT_TIMEOUT_MS = 5_000;
  /** Held messages at which reading stops, as a multiple of the receive maximum (see HoldLimit). */
  static final int HOLD_LIMIT_FACTOR = 2;
  private static final long PAUSE_WARNING_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private final Vertx vertx;
  private final MqttSettings settings;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final ConcurrentLinkedQueue<InboundMessage> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicLong epoch = new AtomicLong();
  private final HoldLimit held;
  private final AtomicLong lastPauseWarning = new AtomicLong(System.nanoTime() - PAUSE_WARNING_INTERVAL_NANOS);
  private volatile long lostAt;
  private volatile boolean connected;
  private volatile boolean subscribed;
  private volatile boolean stopping;
  private Context context;
  private Consumer consumer;
  private MqttAsyncClient client;
  private long retryMs = FIRST_RETRY_MS;

  public PahoTelemetrySource(Vertx vertx, MqttSettings settings, GatewayMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.held = new HoldLimit(HOLD_LIMIT_FACTOR * settings.receiveMaximum(), settings.receiveMaximum());
  }

  @Override
  public Future<Void> start(Consumer messageConsumer) {
    this.context = vertx.getOrCreateContext();
    this.consumer = messageConsumer;
    try {
      client = new MqttAsyncClient(settings.uri(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      return Future.failedFuture(e);
    }
    client.setManualAcks(true);
    client.setCallback(this);
    connect();
    return Future.succeededFuture();
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    options.setReceiveMaximum(settings.receiveMaximum());
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(10);
    if (settings.uri().startsWith("tcp:")) {
      options.setSocketFactory(new BufferedSocketFactory());
    }
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
    }
    return options;
  }

  /** Connects, retrying with backoff; called at start and after every lost connection. */
  private void connect() {
    if (stopping || client.isConnected()) {
      return;
    }
    try {
      client.connect(options(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          retryMs = FIRST_RETRY_MS;
          long lost = lostAt;
          if (token.getSessionPresent() && lost > 0) {
            context.runOnContext(v -> consumer.sessionResumed(lost));
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          scheduleConnectRetry(cause);
        }
      });
    } catch (MqttException e) {
      scheduleConnectRetry(e);
    }
  }

  private void scheduleConnectRetry(Throwable cause) {
    if (stopping || client.isConnected()) {
      return;
    }
    LOG.warn("broker {} not reachable ({}); retrying in {} ms", settings.uri(), cause.getMessage(), retryMs);
    long delay = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    vertx.setTimer(delay, t -> connect());
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    long session = epoch.incrementAndGet();
    connected = true;
    subscribed = false;
    // Paho's own flag only reports its automatic reconnects, which are off.
    LOG.info("connected to {} (reconnect={}, session epoch {})", serverUri, session > 1, session);
    MqttSubscription[] subscriptions = Arrays.stream(TopicKind.values())
        .map(kind -> new MqttSubscription(settings.filter(kind.segment()), QOS))
        .toArray(MqttSubscription[]::new);
    try {
      client.subscribe(subscriptions, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          subscribed = true;
          LOG.info("subscribed to {}",
              Arrays.toString(Arrays.stream(subscriptions).map(MqttSubscription::getTopic).toArray()));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          LOG.error("subscribe failed: {}; reconnecting", cause.getMessage());
          forceReconnect();
        }
      }, new MqttProperties());
    } catch (MqttException e) {
      LOG.error("subscribe failed: {}; reconnecting", e.getMessage());
      forceReconnect();
    }
  }

  /**
   * Disconnects and connects again. Paho forbids disconnecting from its callback thread, where this
   * is decided, hence the hop; and it reports no loss for a disconnect we ask for, so this does what
   * {@link #disconnected} does.
   */
  private void forceReconnect() {
    context.runOnContext(v -> disconnectAndReconnect());
  }

  private void disconnectAndReconnect() {
    if (!connected || stopping) {
      return;
    }
    connectionLost();
    try {
      client.disconnect(DISCONNECT_TIMEOUT_MS, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          reconnectSoon();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          reconnectSoon();
        }
      }, MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR, new MqttProperties());
    } catch (MqttException e) {
      LOG.debug("disconnect before reconnect failed", e);
      reconnectSoon();
    }
  }

  private void connectionLost() {
    connected = false;
    lostAt = epoch.incrementAndGet();
    held.connectionLost();
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    Duration paused = held.take();
    if (!paused.isZero()) {
      reportPause(paused);
    }
    inbox.add(new InboundMessage(topic, message.getPayload(), message.getId(), message.getQos(),
        message.isDuplicate(), clock.instant(), epoch.get()));
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void reportPause(Duration paused) {
    metrics.readingPaused(paused);
    long now = System.nanoTime();
    long last = lastPauseWarning.get();
    if (now - last >= PAUSE_WARNING_INTERVAL_NANOS && lastPauseWarning.compareAndSet(last, now)) {
      LOG.warn("{} messages held (twice the receive maximum; the broker sends past it under load): stopped reading "
          + "from the broker for {} ms while the store caught up. Pauses within the next minute are only counted "
          + "(forewarn_gateway_reading_paused_seconds)", held.limit(), paused.toMillis());
    }
  }

  private void drain() {
    drainScheduled.set(false);
    for (InboundMessage m = inbox.poll(); m != null; m = inbox.poll()) {
      consumer.message(m);
    }
  }

  @Override
  public void acknowledge(InboundMessage message) {
    held.release();
    if (message.qos() == 0) {
      return;
    }
    if (!connected || message.sessionEpoch() != epoch.get()) {
      metrics.acknowledgementSkipped();
      return;
    }
    try {
      client.messageArrivedComplete(message.messageId(), message.qos());
    } catch (MqttException | RuntimeException e) {
      // The connection dropped between the check and the ack: the broker redelivers, the store dedupes.
      metrics.acknowledgementSkipped();
      LOG.debug("ack of message {} not sent: {}", message.messageId(), e.getMessage());
    }
  }

  /** Ready: connected and subscribed, so messages published now reach us (or our session). */
  @Override
  public boolean isConnected() {
    return connected && subscribed;
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    connectionLost();
    if (!stopping) {
      LOG.warn("disconnected from broker: {}; reconnecting in {} ms", response.getReasonString() != null
          ? response.getReasonString()
          : response.getException() != null ? response.getException().getMessage()
              : "code " + response.getReturnCode(),
          FIRST_RETRY_MS);
      reconnectSoon();
    }
  }

  private void reconnectSoon() {
    vertx.setTimer(FIRST_RETRY_MS, t -> connect());
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    LOG.warn("MQTT error: {}", exception.getMessage());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // The gateway publishes nothing.
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // No enhanced authentication.
  }

  @Override
  public Future<Void> stop() {
    stopping = true;
    held.stopEnforcing();
    connected = false;
    epoch.incrementAndGet();
    if (client == null) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    vertx.executeBlocking(() -> {
      try {
        if (client.isConnected()) {
          client.disconnect(DISCONNECT_TIMEOUT_MS).waitForCompletion(DISCONNECT_TIMEOUT_MS);
        }
      } catch (MqttException e) {
        LOG.debug("disconnect failed", e);
      }
      try {
        client.close(true);
      } catch (MqttException e) {
        LOG.debug("close failed", e);
      }
      return null;
    }).onComplete(ar -> done.complete());
    return done.future();
  }
}
