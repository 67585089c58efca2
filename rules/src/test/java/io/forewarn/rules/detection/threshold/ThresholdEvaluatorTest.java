package io.forewarn.rules.detection.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.rules.detection.AlertEvent;
import io.forewarn.rules.detection.AlertPhase;
import io.forewarn.rules.detection.Direction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated time: one sample per minute from T0. Rule: above 80 for 5 minutes, clears below 70. */
class ThresholdEvaluatorTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;
  private final ThresholdRule rule = ThresholdRule.onValue(Direction.ABOVE, 80, 70, Duration.ofMinutes(5));

  private static List<ThresholdResult> feed(ThresholdEvaluator e, double... values) {
    List<ThresholdResult> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(e.update(T0 + i * MINUTE, values[i]));
    }
    return out;
  }

  private static List<AlertEvent> events(List<ThresholdResult> results) {
    return results.stream().map(r -> r.step().event()).filter(ev -> ev != AlertEvent.NONE).toList();
  }

  @Test
  void fires_once_the_breach_has_lasted_the_for_duration() {
    // GIVEN values above 80 from minute 1 WHEN fed THEN pending at minute 1, firing at minute 6 (5 min later)
    List<ThresholdResult> r = feed(new ThresholdEvaluator(rule), 50, 85, 85, 85, 85, 85, 85, 85);
    assertThat(r.get(1).step().event()).isEqualTo(AlertEvent.PENDING_STARTED);
    assertThat(r.get(5).step().phase()).isEqualTo(AlertPhase.PENDING);
    assertThat(r.get(6).step().event()).isEqualTo(AlertEvent.FIRED);
    assertThat(r.get(6).step().sinceMillis()).isEqualTo(T0 + 6 * MINUTE);
    assertThat(events(r)).containsExactly(AlertEvent.PENDING_STARTED, AlertEvent.FIRED);
  }

  @Test
  void does_not_fire_on_a_breach_shorter_than_the_for_duration() {
    // GIVEN a 3-minute excursion WHEN fed THEN pending is abandoned and nothing fires
    List<ThresholdResult> r = feed(new ThresholdEvaluator(rule), 50, 90, 90, 90, 60, 60, 60, 60);
    assertThat(events(r)).containsExactly(AlertEvent.PENDING_STARTED, AlertEvent.PENDING_ABANDONED);
    assertThat(r.get(7).step().phase()).isEqualTo(AlertPhase.INACTIVE);
  }

  @Test
  void clears_only_below_the_clear_level() {
    // GIVEN a firing alert WHEN the value drops to 75 (between 70 and 80) THEN it keeps firing;
    // WHEN it drops to 65 THEN it clears
    List<ThresholdResult> r = feed(new ThresholdEvaluator(rule), 85, 85, 85, 85, 85, 85, 75, 75, 75, 65);
    assertThat(r.get(5).step().event()).isEqualTo(AlertEvent.FIRED);
    assertThat(r.get(8).step().phase()).isEqualTo(AlertPhase.FIRING);
    assertThat(r.get(9).step().event()).isEqualTo(AlertEvent.CLEARED);
  }

  @Test
  void does_not_flap_when_values_oscillate_around_the_trigger_level() {
    // GIVEN a firing alert WHEN values swing 79/81 for an hour THEN exactly one FIRED and no CLEARED
    ThresholdEvaluator e = new ThresholdEvaluator(rule);
    double[] v = new double[66];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < 6 ? 85 : (i % 2 == 0 ? 79 : 81);
    }
    assertThat(events(feed(e, v))).containsExactly(AlertEvent.PENDING_STARTED, AlertEvent.FIRED);
  }

  @Test
  void clear_duration_requires_the_value_to_stay_back_inside() {
    // GIVEN clearing needs 3 minutes below 70 WHEN the value dips below for 2 minutes and returns THEN no clear
    ThresholdRule r2 = new ThresholdRule(Direction.ABOVE, 80, 70, Duration.ZERO, Duration.ofMinutes(3),
        Aggregation.LAST, Duration.ofMinutes(1), 2);
    List<ThresholdResult> r = feed(new ThresholdEvaluator(r2), 85, 60, 60, 75, 60, 60, 60, 60);
    assertThat(r.get(0).step().event()).isEqualTo(AlertEvent.FIRED);
    assertThat(r.get(3).step().phase()).isEqualTo(AlertPhase.FIRING);
    assertThat(r.get(7).step().event()).isEqualTo(AlertEvent.CLEARED);
    assertThat(events(r)).containsExactly(AlertEvent.FIRED, AlertEvent.CLEARED);
  }

  @Test
  void below_direction_and_mean_aggregate_over_a_window() {
    // GIVEN battery must not average below 20 over 3 minutes (clears above 25)
    ThresholdRule battery = new ThresholdRule(Direction.BELOW, 20, 25, Duration.ZERO, Duration.ZERO,
        Aggregation.MEAN, Duration.ofMinutes(2), 16);
    // WHEN a single low sample arrives THEN the mean (30+30+9)/3 = 23 does not breach
    List<ThresholdResult> r = feed(new ThresholdEvaluator(battery), 30, 30, 9, 15, 15, 40, 40);
    assertThat(r.get(2).observed()).isEqualTo(23.0);
    assertThat(r.get(2).step().phase()).isEqualTo(AlertPhase.INACTIVE);
    // AND two more low samples pull the mean to (9+15+15)/3 = 13: fires; recovery above 25 clears
    assertThat(r.get(4).observed()).isEqualTo(13.0);
    assertThat(events(r)).containsExactly(AlertEvent.FIRED, AlertEvent.CLEARED);
  }

  @Test
  void max_aggregate_keeps_a_spike_in_view_for_the_window() {
    ThresholdRule maxRule = new ThresholdRule(Direction.ABOVE, 100, 90, Duration.ZERO, Duration.ZERO,
        Aggregation.MAX, Duration.ofMinutes(2), 16);
    List<ThresholdResult> r = feed(new ThresholdEvaluator(maxRule), 50, 120, 50, 50, 50);
    assertThat(r.get(3).observed()).isEqualTo(120.0);
    assertThat(r.get(4).observed()).isEqualTo(50.0);
  }

  @Test
  void restored_snapshot_continues_in_the_same_phase() {
    // GIVEN an evaluator pending for 3 minutes, snapshot and restored
    ThresholdEvaluator e = new ThresholdEvaluator(rule);
    feed(e, 50, 85, 85, 85);
    ThresholdEvaluator restored = ThresholdEvaluator.restore(rule, e.snapshot());
    // WHEN both see 85 at minutes 6 THEN both fire (pending since minute 1)
    assertThat(restored.update(T0 + 6 * MINUTE, 85).step().event()).isEqualTo(AlertEvent.FIRED);
    assertThat(e.update(T0 + 6 * MINUTE, 85).step().event()).isEqualTo(AlertEvent.FIRED);
  }

  @Test
  void rejects_a_clear_level_on_the_bad_side() {
    assertThatThrownBy(() -> ThresholdRule.onValue(Direction.ABOVE, 80, 90, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejects_samples_going_back_in_time() {
    ThresholdEvaluator e = new ThresholdEvaluator(rule);
    e.update(T0 + MINUTE, 50);
    assertThatThrownBy(() -> e.update(T0, 50)).hasMessageContaining("older");
  }
}
