package io.forewarn.gateway.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho clients that log in to a broker with authentication, for the ACL tests. */
final class BrokerLogin {
  /** MQTT 5 reason codes a broker refuses a login or a publish with. */
  static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
  static final int NOT_AUTHORIZED = 0x87;

  private BrokerLogin() {}

  /** Connects (clean start) as {@code user}; {@code password} null means none. Throws when refused. */
  static MqttAsyncClient connect(String uri, String clientId, String user, String password) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    if (user != null) {
      o.setUserName(user);
    }
    if (password != null) {
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    try {
      client.connect(o).waitForCompletion(5_000);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
    return client;
  }

  /** The reason code the broker refused this login with, or -1 when it let the client in. */
  static int refusal(String uri, String clientId, String user, String password) {
    try {
      MqttAsyncClient client = connect(uri, clientId, user, password);
      client.disconnect().waitForCompletion(5_000);
      client.close();
      return -1;
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  /** A QoS 1 publish; returns the PUBACK reason code (0 = accepted, 0x87 = not authorized). */
  static int publish(MqttAsyncClient client, String topic, String payload) throws MqttException {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    IMqttToken token = client.publish(topic, m);
    try {
      token.waitForCompletion(5_000);
    } catch (MqttException e) {
      // Paho fails the token of a PUBACK with a reason code >= 0x80, carrying that code.
      return e.getReasonCode();
    }
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
  }

  /** Collects "topic payload" of every message that reaches {@code client}. */
  static void collect(MqttAsyncClient client, List<String> into) {
    client.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage m) {
        into.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
      }
      @Override
      public void disconnected(MqttDisconnectResponse r) {}
      @Override
      public void mqttErrorOccurred(MqttException e) {}
      @Override
      public void deliveryComplete(IMqttToken t) {}
      @Override
      public void connectComplete(boolean reconnect, String uri) {}
      @Override
      public void authPacketArrived(int code, MqttProperties p) {}
    });
  }

  static void close(MqttAsyncClient client) throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      // Paho drops a session whose publish was refused by itself, and may still be at it.
      if (e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
          && e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED) {
        throw e;
      }
    }
    client.close(true);
  }
}
