package io.forewarn.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HoldLimitTest {

  @Test
  void counts_without_waiting_below_the_limit() {
    HoldLimit hold = new HoldLimit(4, 2);
    for (int i = 0; i < 4; i++) {
      assertThat(hold.take()).isEqualTo(Duration.ZERO);
    }
    assertThat(hold.held()).isEqualTo(4);
  }

  @Test
  void at_the_limit_the_reader_waits_until_releases_bring_the_count_down_to_the_resume_level() throws Exception {
    // GIVEN a limit of 4, resuming at 2, and 4 messages held
    HoldLimit hold = new HoldLimit(4, 2);
    for (int i = 0; i < 4; i++) {
      hold.take();
    }
    // WHEN the reader delivers a fifth message
    CompletableFuture<Duration> fifth = CompletableFuture.supplyAsync(hold::take);
    // THEN it waits, through one release (3 held) ...
    Thread.sleep(200);
    hold.release();
    Thread.sleep(200);
    assertThat(fifth).isNotDone();
    // ... and goes on at the second (2 held), counting itself
    hold.release();
    Duration waited = fifth.get(5, TimeUnit.SECONDS);
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(hold.held()).isEqualTo(3);
  }

  @Test
  void a_lost_connection_ends_the_wait_so_that_paho_can_reconnect() throws Exception {
    // GIVEN a reader waiting at the limit
    HoldLimit hold = new HoldLimit(1, 0);
    hold.take();
    CompletableFuture<Duration> waiting = CompletableFuture.supplyAsync(hold::take);
    Thread.sleep(100);
    assertThat(waiting).isNotDone();
    // WHEN its connection is lost
    hold.connectionLost();
    // THEN it goes on (its message counted), and the next message at the limit waits again
    waiting.get(5, TimeUnit.SECONDS);
    assertThat(hold.held()).isEqualTo(2);
    CompletableFuture<Duration> next = CompletableFuture.supplyAsync(hold::take);
    Thread.sleep(100);
    assertThat(next).isNotDone();
    hold.release();
    hold.release();
    next.get(5, TimeUnit.SECONDS);
  }

  @Test
  void an_interrupt_ends_the_wait_and_the_message_is_still_counted() throws Exception {
    HoldLimit hold = new HoldLimit(1, 0);
    hold.take();
    CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      hold.take();
      interruptedAfter.complete(Thread.currentThread().isInterrupted());
    });
    Thread.sleep(200);
    reader.interrupt();
    // The interrupt flag is kept for whoever interrupted.
    assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(hold.held()).isEqualTo(2);
  }

  @Test
  void stopping_releases_a_waiting_reader_and_nobody_waits_afterwards() throws Exception {
    HoldLimit hold = new HoldLimit(1, 0);
    hold.take();
    CompletableFuture<Duration> waiting = CompletableFuture.supplyAsync(hold::take);
    Thread.sleep(100);
    hold.stopEnforcing();
    waiting.get(5, TimeUnit.SECONDS);
    assertThat(hold.take()).isEqualTo(Duration.ZERO);
    assertThat(hold.held()).isEqualTo(3);
  }

  @Test
  void a_release_never_takes_the_count_below_zero() {
    HoldLimit hold = new HoldLimit(2, 1);
    hold.release();
    assertThat(hold.held()).isZero();
  }

  @Test
  void rejects_a_resume_level_not_below_the_limit() {
    assertThatThrownBy(() -> new HoldLimit(2, 2)).hasMessageContaining("resumeAt < limit");
  }
}
