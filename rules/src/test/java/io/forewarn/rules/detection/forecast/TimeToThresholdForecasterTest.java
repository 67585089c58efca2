package io.forewarn.rules.detection.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.detection.AlertEvent;
import io.forewarn.rules.detection.AlertPhase;
import io.forewarn.rules.detection.Direction;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Simulated time: a battery sampled every 10 minutes falls 1 %/h from 100 %; the limit is 20 %, so it is
 * reached at hour 80. Warn when the crossing is (confidently) within 24 h; clear beyond 36 h.
 */
class TimeToThresholdForecasterTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long TEN_MINUTES = 600_000L;
  private static final long HOUR = 3_600_000L;
  private final ForecastRule rule = new ForecastRule(Direction.BELOW, 20, Duration.ofHours(24), Duration.ofHours(36),
      Duration.ofHours(34), Duration.ofHours(6), 200, 1.64, Duration.ZERO, Duration.ZERO);

  private static double hours(int sample) {
    return sample / 6.0;
  }

  @Test
  void clean_linear_decline_gives_an_accurate_eta_and_fires_when_inside_the_horizon() {
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    ForecastResult at50h = null;
    int fired = -1;
    for (int i = 0; i <= 6 * 70; i++) {
      ForecastResult r = f.update(T0 + i * TEN_MINUTES, 100 - hours(i));
      if (i == 6 * 50) {
        at50h = r;
      }
      if (r.step().event() == AlertEvent.FIRED) {
        fired = i;
      }
    }
    // THEN at hour 50 (level 50) the ETA is 30 h within 0.1 %, with tight bounds
    Eta.Crossing eta = (Eta.Crossing) at50h.eta();
    assertThat(Math.abs(eta.expectedMillis() - 30 * HOUR)).isLessThan(30 * HOUR / 1000);
    assertThat(eta.latestMillis() - eta.earliestMillis()).isLessThan(HOUR / 10);
    // AND it fires when 24 h remain: hour 56
    assertThat(hours(fired)).isBetween(55.8, 56.2);
  }

  @Test
  void noisy_decline_with_outliers_gives_an_eta_within_ten_percent_and_fires_before_the_crossing() {
    Random noise = new Random(11);
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    ForecastResult at50h = null;
    int fired = -1;
    for (int i = 0; i <= 6 * 80; i++) {
      double v = 100 - hours(i) + 2 * noise.nextGaussian() + (i % 37 == 0 ? 30 : 0);
      ForecastResult r = f.update(T0 + i * TEN_MINUTES, v);
      if (i == 6 * 50) {
        at50h = r;
      }
      if (r.step().event() == AlertEvent.FIRED && fired < 0) {
        fired = i;
      }
    }
    Eta.Crossing eta = (Eta.Crossing) at50h.eta();
    // THEN the ETA is within 10 % of the true 30 h and the bounds bracket the truth
    assertThat(Math.abs(eta.expectedMillis() - 30 * HOUR)).isLessThan(3 * HOUR);
    assertThat(eta.earliestMillis()).isLessThanOrEqualTo(30 * HOUR + HOUR);
    assertThat(eta.latestMillis()).isGreaterThanOrEqualTo(30 * HOUR - HOUR);
    // AND it fires more than 12 h before the battery actually reaches 20 %
    assertThat(hours(fired)).isBetween(54.0, 68.0);
  }

  @Test
  void does_not_fire_on_a_flat_noisy_metric() {
    Random noise = new Random(3);
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    for (int i = 0; i < 6 * 200; i++) {
      ForecastResult r = f.update(T0 + i * TEN_MINUTES, 60 + 3 * noise.nextGaussian());
      assertThat(r.step().phase()).isNotEqualTo(AlertPhase.FIRING);
    }
  }

  @Test
  void clears_after_a_recharge_and_does_not_fire_again() {
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    int fired = 0;
    int cleared = 0;
    for (int i = 0; i < 6 * 120; i++) {
      double v = i < 6 * 60 ? 100 - hours(i) : 100; // recharged at hour 60
      AlertEvent e = f.update(T0 + i * TEN_MINUTES, v).step().event();
      fired += e == AlertEvent.FIRED ? 1 : 0;
      cleared += e == AlertEvent.CLEARED ? 1 : 0;
    }
    assertThat(fired).isEqualTo(1);
    assertThat(cleared).isEqualTo(1);
  }

  @Test
  void reports_unknown_until_the_window_covers_the_minimum() {
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    for (int i = 0; i < 30; i++) {
      assertThat(f.update(T0 + i * TEN_MINUTES, 100 - i).eta()).isInstanceOf(Eta.Unknown.class);
    }
  }

  @Test
  void restored_snapshot_continues_exactly_like_the_original() {
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    for (int i = 0; i < 300; i++) {
      f.update(T0 + i * TEN_MINUTES, 100 - hours(i));
    }
    TimeToThresholdForecaster restored = TimeToThresholdForecaster.restore(rule, f.snapshot());
    for (int i = 300; i < 400; i++) {
      double v = 100 - hours(i) + Math.sin(i);
      assertThat(restored.update(T0 + i * TEN_MINUTES, v)).isEqualTo(f.update(T0 + i * TEN_MINUTES, v));
    }
  }

  @Test
  void a_snapshot_of_the_previous_layout_is_restored_and_refits_on_the_next_sample() {
    // GIVEN a version 1 snapshot: alert state and the raw window of a steady 1 %/h decline
    TimeToThresholdForecaster live = new TimeToThresholdForecaster(rule);
    for (int i = 0; i < 300; i++) {
      live.update(T0 + i * TEN_MINUTES, 100 - hours(i));
    }
    io.forewarn.rules.detection.StateBytes.Writer w = new io.forewarn.rules.detection.StateBytes.Writer(
        TimeToThresholdForecaster.STATE_KIND, 1);
    new io.forewarn.rules.detection.AlertStateMachine(Duration.ZERO, Duration.ZERO).snapshot().write(w);
    io.forewarn.rules.detection.TimeWindow window = new io.forewarn.rules.detection.TimeWindow(rule.window(), 200);
    for (int i = 100; i < 300; i++) {
      window.add(T0 + i * TEN_MINUTES, 100 - hours(i));
    }
    window.write(w);
    // WHEN it is restored and fed the next sample
    ForecastResult next = TimeToThresholdForecaster.restore(rule, w.toByteArray())
        .update(T0 + 300 * TEN_MINUTES, 100 - hours(300));
    // THEN it gives the same ETA as the detector that never stopped
    Eta.Crossing expected = (Eta.Crossing) live.update(T0 + 300 * TEN_MINUTES, 100 - hours(300)).eta();
    Eta.Crossing eta = (Eta.Crossing) next.eta();
    assertThat(Math.abs(eta.expectedMillis() - expected.expectedMillis())).isLessThan(HOUR / 100);
  }
}
