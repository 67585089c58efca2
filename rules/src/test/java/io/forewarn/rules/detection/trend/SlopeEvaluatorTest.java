package io.forewarn.rules.detection.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forewarn.rules.detection.AlertEvent;
import io.forewarn.rules.detection.AlertPhase;
import io.forewarn.rules.detection.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Simulated time: one sample per minute. Rule: rising faster than 5/h over an hour; clears below 2/h. */
class SlopeEvaluatorTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;
  private final SlopeRule rule = new SlopeRule(Direction.ABOVE, 5, 2, Duration.ofHours(1), Duration.ofMinutes(30),
      Duration.ofMinutes(10), Duration.ZERO, 128);
  private final Random noise = new Random(7);

  /** Minutes [from, to) of a series that is flat at 50 until minute 120, rises 10/h until 240, then is flat. */
  private List<SlopeResult> feed(SlopeEvaluator e, int from, int to) {
    List<SlopeResult> out = new ArrayList<>();
    for (int m = from; m < to; m++) {
      double v = 50 + 10 * Math.max(0, Math.min(m, 240) - 120) / 60.0 + 0.3 * noise.nextGaussian();
      out.add(e.update(T0 + m * MINUTE, v));
    }
    return out;
  }

  @Test
  void fires_on_a_steady_rise_and_clears_once_flat_again_without_flapping() {
    List<SlopeResult> r = feed(new SlopeEvaluator(rule), 0, 480);
    // THEN no slope is judged before 30 minutes of data
    assertThat(r.get(10).slopePerHour()).isNaN();
    // AND nothing fires while flat
    assertThat(r.subList(0, 120)).allMatch(x -> x.step().phase() != AlertPhase.FIRING);
    // AND it fires during the rise, after the breach lasted 10 minutes, measuring about 10/h
    int fired = indexOf(r, AlertEvent.FIRED);
    assertThat(fired).isBetween(130, 200);
    assertThat(r.get(239).slopePerHour()).isCloseTo(10.0, within(0.5));
    // AND it clears once the window no longer sees the rise; one FIRED, one CLEARED in all
    assertThat(indexOf(r, AlertEvent.CLEARED)).isBetween(240, 330);
    assertThat(r.stream().filter(x -> x.step().event() == AlertEvent.FIRED).count()).isEqualTo(1);
    assertThat(r.stream().filter(x -> x.step().event() == AlertEvent.CLEARED).count()).isEqualTo(1);
  }

  @Test
  void restored_snapshot_continues_exactly_like_the_original() {
    SlopeEvaluator e = new SlopeEvaluator(rule);
    feed(e, 0, 150);
    SlopeEvaluator restored = SlopeEvaluator.restore(rule, e.snapshot());
    for (int m = 150; m < 260; m++) {
      double v = 50 + m / 10.0;
      assertThat(restored.update(T0 + m * MINUTE, v)).isEqualTo(e.update(T0 + m * MINUTE, v));
    }
  }

  private static int indexOf(List<SlopeResult> r, AlertEvent event) {
    for (int i = 0; i < r.size(); i++) {
      if (r.get(i).step().event() == event) {
        return i;
      }
    }
    return -1;
  }
}
