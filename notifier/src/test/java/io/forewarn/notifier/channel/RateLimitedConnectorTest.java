package io.forewarn.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitedConnectorTest {
  /** Records what reaches the provider. */
  private static final class Recording implements Connector<String> {
    final List<String> sent = new ArrayList<>();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public Future<DeliveryResult> send(String message) {
      sent.add(message);
      return Future.succeededFuture(new DeliveryResult.Sent("id-" + message));
    }
  }

  @Test
  void without_a_token_nothing_is_sent_and_the_wait_is_returned() throws Exception {
    // GIVEN 1 per second, burst 1
    MutableClock clock = new MutableClock(Instant.parse("2025-06-10T12:00:00Z"));
    Recording provider = new Recording();
    RateLimitedConnector<String> limited = new RateLimitedConnector<>(provider, new TokenBucket(1, 1, clock));
    // WHEN two sends at once, then one a second later
    DeliveryResult first = Await.result(limited.send("a"));
    DeliveryResult second = Await.result(limited.send("b"));
    clock.advance(Duration.ofSeconds(1));
    DeliveryResult third = Await.result(limited.send("c"));
    // THEN
    assertThat(first).isEqualTo(new DeliveryResult.Sent("id-a"));
    assertThat(second)
        .isEqualTo(new DeliveryResult.RetryLater(Duration.ofSeconds(1), "local rate limit for recording", false));
    assertThat(third).isEqualTo(new DeliveryResult.Sent("id-c"));
    assertThat(provider.sent).containsExactly("a", "c");
    assertThat(limited.name()).isEqualTo("recording");
  }
}
