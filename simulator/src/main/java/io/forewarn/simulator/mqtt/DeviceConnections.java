package io.forewarn.simulator.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT v5 session per device, logged in as the device (user name = device id, its own
 * password), as a real fleet connects: the broker's ACL then decides what each device may publish.
 * The sessions are an {@link MqttConnections} with one session per device index.
 * Cost, measured with the demo's 300 devices at ~600 msg/s: three Paho threads and ~0.8 MB per
 * device (921 threads and 388 MB resident, against 28 and 153 MB over two shared connections), and
 * 16% of a core against 13%. Keep-alive pings of all sessions share one scheduler thread; logins go
 * out {@value #CONNECTS_AT_ONCE} at a time, so 300 devices connect in about a second.
 */
public final class DeviceConnections {
  /** Above this, per-device sessions cost more memory and threads than a simulator should take. */
  public static final int MAX_DEVICES = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(DeviceConnections.class);
  private static final int KEEP_ALIVE_SECONDS = 60;
  private static final int CONNECTS_AT_ONCE = 100;
  private static final int REFUSALS_LISTED = 5;

  private DeviceConnections() {}

  /**
   * Logs every device in: {@code logins.get(i)} is device {@code i}'s. Fails, closing what it opened,
   * unless every login succeeds, naming the devices the broker refused and why.
   */
  public static MqttConnections open(String uri, List<MqttLogin> logins, int maxInFlight, PublishCounters counters)
      throws MqttException {
    if (logins.isEmpty() || logins.size() > MAX_DEVICES || maxInFlight < 1) {
      throw new IllegalArgumentException(
          "per-device sessions need 1.." + MAX_DEVICES + " devices and 1 message in flight");
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mqtt-device-pings");
      t.setDaemon(true);
      return t;
    });
    List<MqttAsyncClient> clients = new ArrayList<>(logins.size());
    List<String> refused = new ArrayList<>();
    int[] limit = {maxInFlight};
    try {
      Deque<Pending> pending = new ArrayDeque<>();
      for (MqttLogin login : logins) {
        MqttAsyncClient client = new MqttAsyncClient(uri, login.username() + "-" + run, new MemoryPersistence(),
            new TimerPingSender(pings), null);
        clients.add(client);
        pending.add(new Pending(login.username(), client.connect(PahoSession.options(login, KEEP_ALIVE_SECONDS))));
        if (pending.size() >= CONNECTS_AT_ONCE) {
          await(pending.poll(), refused, limit);
        }
      }
      while (!pending.isEmpty()) {
        await(pending.poll(), refused, limit);
      }
    } catch (MqttException | RuntimeException e) {
      close(clients, pings);
      throw e;
    }
    if (!refused.isEmpty()) {
      close(clients, pings);
      throw new IllegalStateException(String.format(Locale.ROOT,
          "the broker refused %d of %d device logins: %s%s; are the registered devices provisioned with this key"
              + " (docs/operations.md#device-credentials)?",
          refused.size(), logins.size(),
          String.join(", ", refused.subList(0, Math.min(REFUSALS_LISTED, refused.size()))),
          refused.size() > REFUSALS_LISTED ? ", ..." : ""));
    }
    List<PahoSession> sessions = new ArrayList<>(clients.size());
    for (MqttAsyncClient client : clients) {
      sessions.add(new PahoSession(client, limit[0], counters));
    }
    LOG.info("connected {} devices to {}, one session each, logged in as themselves ({} messages in flight each)",
        sessions.size(), uri, limit[0]);
    return new MqttConnections(sessions, limit[0], counters, pings::shutdownNow);
  }

  private record Pending(String device, IMqttToken token) {}

  private static void await(Pending p, List<String> refused, int[] limit) {
    try {
      p.token().waitForCompletion(TimeUnit.SECONDS.toMillis(PahoSession.CONNECT_TIMEOUT_SECONDS));
      limit[0] = PahoSession.receiveMaximum(p.token(), limit[0]);
    } catch (MqttException e) {
      refused.add(p.device() + " (" + e.getMessage() + ")");
    }
  }

  private static void close(List<MqttAsyncClient> clients, ScheduledExecutorService pings) {
    PahoSession.closeAll(clients);
    pings.shutdownNow();
  }
}
