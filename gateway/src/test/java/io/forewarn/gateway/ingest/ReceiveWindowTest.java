package io.forewarn.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReceiveWindowTest {

  @Test
  void a_broker_within_the_window_is_never_reported() {
    ReceiveWindow window = new ReceiveWindow(3);
    window.connected(1);
    for (int round = 0; round < 100; round++) {
      assertThat(window.received(1)).isTrue();
      assertThat(window.received(1)).isTrue();
      window.acknowledged(1);
      window.acknowledged(1);
    }
    assertThat(window.unacknowledged()).isZero();
  }

  @Test
  void the_message_past_the_tolerance_is_reported_once() {
    // GIVEN a tolerance of 3 unacknowledged messages
    ReceiveWindow window = new ReceiveWindow(3);
    window.connected(1);
    // WHEN the broker sends a fourth before any PUBACK
    assertThat(window.received(1)).isTrue();
    assertThat(window.received(1)).isTrue();
    assertThat(window.received(1)).isTrue();
    // THEN that one is reported, and not the ones after it (one disconnect is enough)
    assertThat(window.received(1)).isFalse();
    assertThat(window.received(1)).isTrue();
  }

  @Test
  void a_new_connection_starts_empty_and_old_connections_do_not_count() {
    // GIVEN a full window on connection 1
    ReceiveWindow window = new ReceiveWindow(2);
    window.connected(1);
    window.received(1);
    window.received(1);
    // WHEN connection 3 starts (the broker resends what was unacknowledged)
    window.connected(3);
    // THEN late messages and PUBACKs of connection 1 neither fill nor empty it
    assertThat(window.received(1)).isTrue();
    window.acknowledged(1);
    assertThat(window.received(3)).isTrue();
    assertThat(window.received(3)).isTrue();
    assertThat(window.unacknowledged()).isEqualTo(2);
    assertThat(window.received(3)).isFalse();
  }

  @Test
  void rejects_a_tolerance_below_one() {
    assertThatThrownBy(() -> new ReceiveWindow(0)).hasMessageContaining("positive");
  }
}
