package io.forewarn.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestMosquitto;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker files shipped in docker/ (local-trial passwords: password = user name): a device can
 * publish only to its own topics. The same rules as provisioning writes them: {@link ProvisionedBrokerIT}.
 */
@Timeout(60)
class BrokerAclIT {

  @Test
  void a_device_cannot_publish_as_another_device() throws Exception {
    // GIVEN a real Mosquitto with docker/'s password file and ACL, and the gateway subscribed
    try (TestMosquitto broker = docker()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      MqttAsyncClient gateway = BrokerLogin.connect(broker.uri(), "gateway-acl-it", "gateway", "gateway");
      BrokerLogin.collect(gateway, seen);
      gateway.subscribe("devices/+/telemetry", 1).waitForCompletion(5_000);
      MqttAsyncClient deviceA = BrokerLogin.connect(broker.uri(), "dev-0001-acl-it", "dev-0001", "dev-0001");
      // WHEN device A publishes once as itself and once as device B
      int own = BrokerLogin.publish(deviceA, "devices/dev-0001/telemetry", "{\"metrics\":{\"a\":1}}");
      int forged = BrokerLogin.publish(deviceA, "devices/dev-0002/telemetry", "{\"metrics\":{\"a\":666}}");
      // THEN the broker refuses the forged one and delivers only the device's own message
      assertThat(own).isZero();
      assertThat(forged).isEqualTo(BrokerLogin.NOT_AUTHORIZED);
      TimeUnit.MILLISECONDS.sleep(500);
      assertThat(seen).containsExactly("devices/dev-0001/telemetry {\"metrics\":{\"a\":1}}");
      BrokerLogin.close(deviceA);
      BrokerLogin.close(gateway);
    }
  }

  @Test
  void unknown_credentials_are_refused() {
    try (TestMosquitto broker = docker()) {
      assertThat(BrokerLogin.refusal(broker.uri(), "intruder", "dev-0001", "wrong"))
          .isIn(BrokerLogin.BAD_USER_NAME_OR_PASSWORD, BrokerLogin.NOT_AUTHORIZED);
    }
  }

  private static TestMosquitto docker() {
    return TestMosquitto.startAuthenticated(TestMosquitto.projectFile("docker/mosquitto/passwords"),
        TestMosquitto.projectFile("docker/mosquitto/acl"));
  }
}
