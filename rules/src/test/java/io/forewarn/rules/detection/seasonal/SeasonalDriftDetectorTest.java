package io.forewarn.rules.detection.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.rules.detection.Direction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Simulated time: a router's temperature every 15 minutes in Berlin, 54 °C plus a daily swing of 6 °C
 * (evenings) and 2 °C more on weekend afternoons, Gaussian noise of 1 °C. The swing is six noise sigmas:
 * only a detector that knows the device's own profile sees a 1-2 °C shift.
 */
class SeasonalDriftDetectorTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli(); // a Monday
  private static final long STEP = 15 * 60_000L;
  private static final int PER_DAY = 96;
  private static final SeasonalDriftRule RULE = new SeasonalDriftRule(Direction.ABOVE, 3, 0.02, 1.0, 12, 2, 4, 0.3);

  private static double healthy(long ts, Random noise) {
    var local = Instant.ofEpochMilli(ts).atZone(BERLIN);
    double hour = local.getHour() + local.getMinute() / 60.0;
    boolean weekend = local.getDayOfWeek().getValue() >= 6;
    double evening = Math.exp(-Math.pow(hour - 21, 2) / (2 * 2.2 * 2.2));
    double weekendDay = weekend && hour > 10 && hour < 18 ? 2 : 0;
    return 54 + 6 * evening + weekendDay + noise.nextGaussian();
  }

  @Test
  void does_not_fire_on_a_healthy_daily_and_weekly_swing() {
    // GIVEN six weeks of a healthy device (ten devices' worth of noise draws)
    for (int device = 0; device < 10; device++) {
      Random noise = new Random(device);
      SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
      double worst = 0;
      for (int i = 0; i < 42 * PER_DAY; i++) {
        long ts = T0 + i * STEP;
        worst = Math.max(worst, d.update(ts, healthy(ts, noise)).evidence());
      }
      // THEN the evidence never comes near the decision level
      assertThat(worst).as("device %d", device).isLessThan(RULE.decision());
    }
  }

  @Test
  void fires_within_a_day_on_a_rise_hidden_inside_the_daily_swing() {
    // GIVEN a week of learning, then a rise of 2.5 °C per day (a memory leak heating the SoC)
    Random noise = new Random(5);
    SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
    int onset = 8 * PER_DAY;
    int fired = -1;
    for (int i = 0; i < 14 * PER_DAY && fired < 0; i++) {
      long ts = T0 + i * STEP;
      double rise = i < onset ? 0 : 2.5 * (i - onset) / PER_DAY;
      if (d.update(ts, healthy(ts, noise) + rise).evidence() >= RULE.decision()) {
        fired = i;
      }
    }
    // THEN it breaches within a day, while the rise (< 2.5 °C) is still far smaller than the 8 °C swing
    assertThat(fired).isGreaterThan(onset);
    assertThat((fired - onset) / (double) PER_DAY).isLessThan(1.0);
  }

  @Test
  void ignores_a_shift_to_the_good_side() {
    Random noise = new Random(6);
    SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
    for (int i = 0; i < 20 * PER_DAY; i++) {
      long ts = T0 + i * STEP;
      double fall = i < 8 * PER_DAY ? 0 : -5;
      assertThat(d.update(ts, healthy(ts, noise) + fall).evidence()).isLessThan(RULE.decision());
    }
  }

  @Test
  void clears_within_hours_of_a_repair_and_a_single_glitch_does_not_fire() {
    Random noise = new Random(7);
    SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
    // GIVEN two weeks learnt (weekend slots too: a slot still learning freezes the CUSUM), a glitch of
    // +20 °C on Monday (day 14), a 6 °C fault from Tuesday, a repair on Friday (day 18)
    int repaired = 18 * PER_DAY;
    int clearedAfter = -1;
    for (int i = 0; i < 20 * PER_DAY; i++) {
      long ts = T0 + i * STEP;
      double extra = i == 14 * PER_DAY ? 20 : i >= 15 * PER_DAY && i < repaired ? 6 : 0;
      double evidence = d.update(ts, healthy(ts, noise) + extra).evidence();
      if (i > 14 * PER_DAY && i < 15 * PER_DAY) {
        assertThat(evidence).as("after the glitch").isLessThan(RULE.decision());
      }
      if (i == repaired - 1) {
        assertThat(evidence).as("during the fault").isGreaterThanOrEqualTo(RULE.decision());
      }
      if (i >= repaired && clearedAfter < 0 && evidence < RULE.clearBelow()) {
        clearedAfter = i - repaired;
      }
    }
    // THEN the capped CUSUM falls below the clear level within 8 hours of the repair
    assertThat(clearedAfter).isBetween(0, 8 * 4);
  }

  @Test
  void adds_no_evidence_while_the_profile_is_learnt() {
    SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
    for (int i = 0; i < 3 * PER_DAY; i++) {
      SeasonalDriftDetector.Step s = d.update(T0 + i * STEP, 100 + i);
      assertThat(s.learning()).isTrue();
      assertThat(s.evidence()).isZero();
    }
  }

  @Test
  void restored_snapshot_continues_exactly_like_the_original() {
    Random noise = new Random(8);
    SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
    for (int i = 0; i < 10 * PER_DAY; i++) {
      long ts = T0 + i * STEP;
      d.update(ts, healthy(ts, noise) + (i > 9 * PER_DAY ? 3 : 0));
    }
    SeasonalDriftDetector restored = SeasonalDriftDetector.restore(RULE, BERLIN, d.snapshot());
    for (int i = 10 * PER_DAY; i < 11 * PER_DAY; i++) {
      long ts = T0 + i * STEP;
      double v = healthy(ts, noise) + 3;
      assertThat(restored.update(ts, v)).isEqualTo(d.update(ts, v));
    }
  }

  @Test
  void rejects_invalid_settings_with_the_field_named() {
    assertThatThrownBy(() -> new SeasonalDriftRule(null, 1, 0.02, 1, 12, 2, 4, 0.3))
        .hasMessageContaining("learning_days");
    assertThatThrownBy(() -> new SeasonalDriftRule(null, 3, 0.02, 1, 12, 12, 4, 0.3))
        .hasMessageContaining("clear_below");
    assertThatThrownBy(() -> new SeasonalDriftRule(null, 3, 0.02, 1, 12, 2, 0.5, 0.3)).hasMessageContaining("clip");
    assertThatThrownBy(() -> new SeasonalDriftRule(null, 3, 0.02, 1, 12, 2, 4, 0)).hasMessageContaining("min_sigma");
  }

  @Test
  void a_weekend_slot_still_learning_gives_the_fleet_a_residual_against_the_same_weekday_hour() {
    // GIVEN Monday to Friday learnt (weekday slots from Thursday), then on the first Saturday a device 3 °C hotter
    Random noise = new Random(9);
    SeasonalDriftDetector d = new SeasonalDriftDetector(RULE, BERLIN);
    for (int i = 0; i < 5 * PER_DAY; i++) {
      long ts = T0 + i * STEP;
      SeasonalDriftDetector.Step s = d.update(ts, healthy(ts, noise));
      // (no slot of either day type has learnt an hour before Thursday: no residual at all)
      if (i < 3 * PER_DAY) {
        assertThat(s.residual()).isNaN();
      }
    }
    for (int i = 5 * PER_DAY; i < 6 * PER_DAY; i++) {
      long ts = T0 + i * STEP;
      SeasonalDriftDetector.Step s = d.update(ts, healthy(ts, noise) + 3);
      // THEN its own CUSUM waits for the weekend profile: still learning, no evidence
      assertThat(s.learning()).isTrue();
      assertThat(s.evidence()).isZero();
      // AND the residual handed to the fleet is measured against the weekday profile of that hour (in the early
      // morning, where weekdays and weekends are alike, it is the 3 °C and the noise)
      int hour = Instant.ofEpochMilli(ts).atZone(BERLIN).getHour();
      if (hour >= 2 && hour < 8) {
        assertThat(s.residual()).isBetween(0.0, 6.0);
      }
    }
  }
}
