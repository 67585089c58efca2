package io.forewarn.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff noJitter = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 0);

  @Test
  void doubles_per_attempt_up_to_the_cap() {
    // WHEN attempts 1, 2, 3 and 20 are retried without a Retry-After
    // THEN the delays are 5 s, 10 s, 20 s and the 10 min cap
    assertThat(noJitter.delay(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    assertThat(noJitter.delay(2, Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    assertThat(noJitter.delay(3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(20));
    assertThat(noJitter.delay(20, Duration.ZERO)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void never_retries_sooner_than_retry_after() {
    // GIVEN the provider asks for 2 minutes on the first attempt
    // THEN we wait the full 2 minutes, not our 5 s
    assertThat(noJitter.delay(1, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void jitter_adds_at_most_a_fifth() {
    // GIVEN the largest jitter
    Backoff jittered = new Backoff(Duration.ofSeconds(10), Duration.ofHours(1), () -> 0.999);
    // THEN the delay stays within [10 s, 12 s)
    assertThat(jittered.delay(1, Duration.ZERO)).isBetween(Duration.ofSeconds(10), Duration.ofMillis(11_999));
  }
}
