package io.forewarn.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-10T12:00:00Z"));

  @Test
  void allows_a_burst_then_refuses() {
    // GIVEN 2 per second, burst 3
    TokenBucket bucket = new TokenBucket(2, 3, clock);
    // THEN three at once, not a fourth
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isFalse();
    assertThat(bucket.timeUntilAvailable()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refills_at_the_configured_rate_up_to_the_burst() {
    TokenBucket bucket = new TokenBucket(2, 3, clock);
    for (int i = 0; i < 3; i++) {
      bucket.tryAcquire();
    }
    // WHEN 250 ms pass: half a token
    clock.advance(Duration.ofMillis(250));
    assertThat(bucket.tryAcquire()).isFalse();
    assertThat(bucket.timeUntilAvailable()).isEqualTo(Duration.ofMillis(250));
    // WHEN another 250 ms: one token
    clock.advance(Duration.ofMillis(250));
    assertThat(bucket.tryAcquire()).isTrue();
    // WHEN an hour passes: never more than the burst
    clock.advance(Duration.ofHours(1));
    int granted = 0;
    while (bucket.tryAcquire()) {
      granted++;
    }
    assertThat(granted).isEqualTo(3);
  }

  @Test
  void slow_rates_work_per_minute() {
    // GIVEN 6 per minute, burst 1
    TokenBucket bucket = new RateLimit(6, 1).bucket(clock);
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.timeUntilAvailable()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void clock_stepping_back_refills_nothing() {
    TokenBucket bucket = new TokenBucket(1, 1, clock);
    bucket.tryAcquire();
    clock.advance(Duration.ofSeconds(-30));
    assertThat(bucket.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(bucket.tryAcquire()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.tryAcquire()).isTrue();
  }

  @Test
  void rejects_nonsense_settings() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket(1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void takes_several_tokens_at_once_and_takes_back_the_unused() {
    // GIVEN 10 per second, burst 5
    TokenBucket bucket = new TokenBucket(10, 5, clock);
    // WHEN a batch asks for 8
    int granted = bucket.tryAcquire(8);
    // THEN it gets the 5 there are, and nothing more until refilled
    assertThat(granted).isEqualTo(5);
    assertThat(bucket.tryAcquire(8)).isZero();
    // WHEN only 2 were used and 3 are given back
    bucket.release(3);
    // THEN those 3 are available again, never beyond the burst
    assertThat(bucket.tryAcquire(8)).isEqualTo(3);
    bucket.release(100);
    assertThat(bucket.tryAcquire(100)).isEqualTo(5);
  }

  @Test
  void a_drained_bucket_hands_out_a_chunk_per_tick_not_a_token_at_a_time() {
    // GIVEN 500 per second, burst 100, drained
    TokenBucket bucket = new TokenBucket(500, 100, clock);
    assertThat(bucket.tryAcquire(100)).isEqualTo(100);
    int chunk = bucket.perTick(Duration.ofMillis(100));
    assertThat(chunk).isEqualTo(50);
    // WHEN 10 ms refill 5 tokens
    clock.advance(Duration.ofMillis(10));
    // THEN a chunk request takes none, and says how long until the whole chunk is there
    assertThat(bucket.tryAcquire(100, chunk)).isZero();
    assertThat(bucket.timeUntilAvailable(chunk)).isEqualTo(Duration.ofMillis(90));
    // WHEN the rest of the tick passes, the chunk comes at once and nothing was lost
    clock.advance(Duration.ofMillis(90));
    assertThat(bucket.tryAcquire(100, chunk)).isEqualTo(50);
  }

  @Test
  void a_chunk_is_never_more_than_the_burst_or_less_than_one() {
    // GIVEN slow and small buckets
    assertThat(new TokenBucket(1, 5, clock).perTick(Duration.ofMillis(100))).isEqualTo(1);
    assertThat(new TokenBucket(10_000, 20, clock).perTick(Duration.ofMillis(100))).isEqualTo(20);
    // WHEN a bucket with burst 3 is asked for a chunk of 50, THEN 3 are enough
    TokenBucket small = new TokenBucket(1, 3, clock);
    assertThat(small.tryAcquire(10, 50)).isEqualTo(3);
    assertThat(small.timeUntilAvailable(50)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void counts_the_refill_a_full_bucket_could_not_hold_as_unused_rate() {
    // GIVEN 10 per second, burst 5, drained
    TokenBucket bucket = new TokenBucket(10, 5, clock);
    bucket.tryAcquire(5);
    // WHEN 300 ms pass and the 3 tokens are taken, nothing was lost
    clock.advance(Duration.ofMillis(300));
    assertThat(bucket.tryAcquire(3)).isEqualTo(3);
    assertThat(bucket.unusedTokens()).isZero();
    // WHEN a whole second passes untouched: 10 refill, 5 fit, 5 are unused rate
    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.unusedTokens()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}
