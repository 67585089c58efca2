package io.forewarn.gateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.common.telemetry.TopicKind;
import io.forewarn.common.testing.TestMosquitto;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerAclTest {

  @Test
  void devices_may_publish_only_to_their_own_topics_and_read_nothing() {
    // WHEN the ACL is written without service accounts
    List<String> rules = rules(BrokerAcl.render(Set.of()));
    // THEN there is one write pattern per topic kind, keyed on the user name, and nothing else
    assertThat(rules).containsExactly("pattern write devices/%u/telemetry", "pattern write devices/%u/senml",
        "pattern write devices/%u/status");
    assertThat(TopicKind.values()).hasSize(3);
  }

  @Test
  void the_gateway_reads_exactly_the_topics_it_subscribes_to() {
    List<String> rules = rules(BrokerAcl.render(EnumSet.of(ServiceAccount.GATEWAY)));
    // THEN the gateway's section lists devices/+/<kind> for every kind the gateway subscribes to (MqttSettings.filter)
    assertThat(rules.subList(rules.indexOf("user gateway"), rules.size())).containsExactly("user gateway",
        "topic read devices/+/telemetry", "topic read devices/+/senml", "topic read devices/+/status");
  }

  @Test
  void the_load_generator_may_only_publish_telemetry_and_the_health_check_only_read_the_uptime() {
    List<String> rules = rules(BrokerAcl.render(EnumSet.of(ServiceAccount.LOAD, ServiceAccount.HEALTHCHECK)));
    assertThat(rules).containsSubsequence("user load", "topic write devices/+/telemetry", "user healthcheck",
        "topic read $SYS/broker/uptime");
    assertThat(rules).doesNotContain("user gateway");
  }

  @Test
  void the_acl_shipped_in_docker_is_the_one_provisioning_writes() throws Exception {
    // GIVEN docker/'s ACL, which the compose broker mounts unless FOREWARN_MQTT_AUTH_DIR points elsewhere
    String shipped = Files.readString(TestMosquitto.projectFile("docker/mosquitto/acl"));
    // THEN it is exactly what `mqtt-credentials --accounts gateway,healthcheck` writes
    assertThat(shipped).isEqualTo(BrokerAcl.render(EnumSet.of(ServiceAccount.GATEWAY, ServiceAccount.HEALTHCHECK)));
  }

  private static List<String> rules(String acl) {
    return acl.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }
}
