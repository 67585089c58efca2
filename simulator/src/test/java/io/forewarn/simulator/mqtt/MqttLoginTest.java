package io.forewarn.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MqttLoginTest {
  @Test
  void never_prints_the_password() {
    assertThat(new MqttLogin("s42-cpe-000001", "FD6ftyJdFpCroOWgKfZFtH5mkR1GuDNTPFUkGjZDidA"))
        .hasToString("MqttLogin[s42-cpe-000001, ****]");
  }

  @Test
  void needs_a_user_name_and_a_password() {
    assertThatThrownBy(() -> new MqttLogin("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MqttLogin("u", null)).isInstanceOf(IllegalArgumentException.class);
  }
}
