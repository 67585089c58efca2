package io.forewarn.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.common.config.InvalidConfigException;
import io.forewarn.gateway.store.UnknownDevicePolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  private static final String DB = "postgresql://forewarn@127.0.0.1:5432/forewarn";

  @Test
  void applies_documented_defaults() {
    GatewayConfig c = GatewayConfig.fromEnv(Map.of("FOREWARN_DB_URL", DB, "FOREWARN_MQTT_CLIENT_ID", "gw-1"));
    assertThat(c.mqtt().uri()).isEqualTo(GatewayConfig.DEFAULT_MQTT_URI);
    assertThat(c.mqtt().filter("telemetry")).isEqualTo("devices/+/telemetry");
    assertThat(c.mqtt().receiveMaximum()).isEqualTo(GatewayConfig.DEFAULT_RECEIVE_MAXIMUM);
    assertThat(c.batch().maxMessages()).isEqualTo(GatewayConfig.DEFAULT_BATCH_MAX_MESSAGES);
    assertThat(c.store().unknownDevices()).isEqualTo(UnknownDevicePolicy.AUTO_REGISTER);
    assertThat(c.maintenance().rawRetention()).isEqualTo(GatewayConfig.DEFAULT_RAW_RETENTION);
  }

  @Test
  void subscribes_through_a_shared_subscription_when_a_group_is_set() {
    GatewayConfig c = GatewayConfig.fromEnv(Map.of("FOREWARN_DB_URL", DB, "FOREWARN_MQTT_SHARED_GROUP", "gateways"));
    assertThat(c.mqtt().filter("status")).isEqualTo("$share/gateways/devices/+/status");
  }

  @Test
  void refuses_to_start_listing_every_problem() {
    // GIVEN a configuration with five independent mistakes
    Map<String, String> env = Map.of(
        "FOREWARN_MQTT_URI", "http://broker",
        "FOREWARN_MQTT_RECEIVE_MAXIMUM", "0",
        "FOREWARN_BATCH_MAX_DELAY", "soon",
        "FOREWARN_UNKNOWN_DEVICES", "maybe",
        "FOREWARN_RETENTION_1M", "1h");
    // WHEN it is read  THEN one error lists all of them, including the missing database URL
    assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("FOREWARN_MQTT_URI")
        .hasMessageContaining("FOREWARN_MQTT_RECEIVE_MAXIMUM=0")
        .hasMessageContaining("FOREWARN_BATCH_MAX_DELAY=soon")
        .hasMessageContaining("FOREWARN_UNKNOWN_DEVICES=maybe")
        .hasMessageContaining("FOREWARN_RETENTION_1M must be >= FOREWARN_RETENTION_RAW")
        .hasMessageContaining("FOREWARN_DB_URL is required")
        .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(6));
  }

  @Test
  void masks_secrets_when_described() {
    GatewayConfig c = GatewayConfig.fromEnv(Map.of("FOREWARN_DB_URL", "postgresql://u:hunter2@db/forewarn",
        "FOREWARN_MQTT_USERNAME", "gw", "FOREWARN_MQTT_PASSWORD", "s3cret", "FOREWARN_BATCH_MAX_DELAY", "250ms"));
    assertThat(c.describe()).doesNotContain("hunter2").doesNotContain("s3cret").contains("u:****@db");
    assertThat(c.batch().maxDelay()).isEqualTo(Duration.ofMillis(250));
  }
}
