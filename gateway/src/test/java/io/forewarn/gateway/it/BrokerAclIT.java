package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestMosquitto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker configuration shipped in docker/: a device can publish only to its own topics. */
@Timeout(60)
class BrokerAclIT {

  @Test
  void a_device_cannot_publish_as_another_device() throws Exception {
    // GIVEN a real Mosquitto with docker/'s password file and ACL
    String auth = "allow_anonymous false\n"
        + "password_file " + TestMosquitto.projectFile("docker/mosquitto/passwords") + "\n"
        + "acl_file " + TestMosquitto.projectFile("docker/mosquitto/acl") + "\n";
    try (TestMosquitto broker = TestMosquitto.start(auth)) {
      List<String> seen = new CopyOnWriteArrayList<>();
      MqttAsyncClient gateway = connect(broker, "gateway");
      gateway.setCallback(new MqttCallback() {
        @Override public void messageArrived(String topic, MqttMessage m) {
          seen.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
        }
        @Override public void disconnected(MqttDisconnectResponse r) {}
        @Override public void mqttErrorOccurred(MqttException e) {}
        @Override public void deliveryComplete(IMqttToken t) {}
        @Override public void connectComplete(boolean reconnect, String uri) {}
        @Override public void authPacketArrived(int code, MqttProperties p) {}
      });
      gateway.subscribe("devices/+/telemetry", 1).waitForCompletion(5_000);
      MqttAsyncClient deviceA = connect(broker, "dev-0001");
      // WHEN device A publishes once as itself and once as device B
      IMqttToken own = deviceA.publish("devices/dev-0001/telemetry", message("{\"metrics\":{\"a\":1}}"));
      IMqttToken forged = deviceA.publish("devices/dev-0002/telemetry", message("{\"metrics\":{\"a\":666}}"));
      own.waitForCompletion(5_000);
      // THEN the broker refuses the forged one (MQTT 5 PUBACK reason 0x87 "not authorized", on which Paho
      // drops the connection) and delivers only the device's own message
      Throwable refusal = null;
      try {
        forged.waitForCompletion(5_000);
      } catch (MqttException e) {
        refusal = e;
      }
      assertThat(refusal != null || forged.getReasonCodes()[0] == 0x87).as("forged publish refused").isTrue();
      TimeUnit.MILLISECONDS.sleep(500);
      assertThat(seen).containsExactly("devices/dev-0001/telemetry {\"metrics\":{\"a\":1}}");
      if (deviceA.isConnected()) {
        deviceA.disconnect().waitForCompletion(5_000);
      }
      gateway.disconnect().waitForCompletion(5_000);
    }
  }

  @Test
  void unknown_credentials_are_refused() throws Exception {
    String auth = "allow_anonymous false\npassword_file " + TestMosquitto.projectFile("docker/mosquitto/passwords") + "\n";
    try (TestMosquitto broker = TestMosquitto.start(auth)) {
      MqttAsyncClient client = new MqttAsyncClient(broker.uri(), "intruder", new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setUserName("dev-0001");
      o.setPassword("wrong".getBytes(StandardCharsets.UTF_8));
      Throwable failure = null;
      try {
        client.connect(o).waitForCompletion(5_000);
      } catch (Exception e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      assertThat(client.isConnected()).isFalse();
    }
  }

  private static MqttAsyncClient connect(TestMosquitto broker, String user) throws Exception {
    MqttAsyncClient client = new MqttAsyncClient(broker.uri(), user + "-acl-it", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(user.getBytes(StandardCharsets.UTF_8));
    client.connect(o).waitForCompletion(5_000);
    return client;
  }

  private static MqttMessage message(String payload) {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    return m;
  }
}
