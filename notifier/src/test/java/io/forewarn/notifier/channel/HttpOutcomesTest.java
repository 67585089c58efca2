package io.forewarn.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.channel.DeliveryResult.RetryLater;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HttpOutcomesTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-10T12:00:00Z"));
  private final HttpOutcomes outcomes = new HttpOutcomes(clock, Duration.ofSeconds(30));

  @Test
  void retry_after_in_seconds_or_as_http_date() {
    assertThat(outcomes.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(outcomes.retryAfter("Tue, 10 Jun 2025 12:02:00 GMT")).isEqualTo(Duration.ofMinutes(2));
    assertThat(outcomes.retryAfter("Tue, 10 Jun 2025 11:00:00 GMT")).isEqualTo(Duration.ZERO);
  }

  @Test
  void unreadable_or_absent_retry_after_gives_the_default_and_huge_ones_are_capped() {
    assertThat(outcomes.retryAfter(null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(outcomes.retryAfter("soon")).isEqualTo(Duration.ofSeconds(30));
    assertThat(outcomes.retryAfter("-5")).isEqualTo(Duration.ofSeconds(30));
    assertThat(outcomes.retryAfter("9999999")).isEqualTo(HttpOutcomes.MAX_RETRY_AFTER);
  }

  @Test
  void only_408_429_and_5xx_are_retryable() {
    assertThat(HttpOutcomes.retryable(429)).isTrue();
    assertThat(HttpOutcomes.retryable(503)).isTrue();
    assertThat(HttpOutcomes.retryable(408)).isTrue();
    assertThat(HttpOutcomes.retryable(400)).isFalse();
    assertThat(HttpOutcomes.retryable(404)).isFalse();
  }

  @Test
  void refused_connection_cannot_have_delivered_but_a_timeout_might_have() {
    RetryLater refused = outcomes
        .fromFailure(new RuntimeException("wrapped", new ConnectException("Connection refused")));
    RetryLater timeout = outcomes.fromFailure(new TimeoutException("no reply in 300 ms"));
    assertThat(refused.possiblyDelivered()).isFalse();
    assertThat(refused.reason()).startsWith("no connection");
    assertThat(timeout.possiblyDelivered()).isTrue();
    assertThat(timeout.after()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_wait_for_a_pooled_connection_cannot_have_delivered() {
    // GIVEN the failure Vert.x reports when every pooled connection stayed busy
    RetryLater poolWait = outcomes.fromFailure(new TimeoutException(
        "The timeout of 3000 ms has been exceeded when getting a connection to api.example.test:443"));
    // THEN the request never left us, so it is retried without a reconciliation lookup
    assertThat(poolWait.possiblyDelivered()).isFalse();
    assertThat(poolWait.reason()).startsWith("no connection");
  }
}
