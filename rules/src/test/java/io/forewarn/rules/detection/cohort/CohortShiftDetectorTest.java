package io.forewarn.rules.detection.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.detection.Direction;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hourly buckets of device means: three firmwares of 30 devices whose mean residuals spread 0.2 (in the
 * metric's units) around whatever the hour's shared conditions put them at.
 */
class CohortShiftDetectorTest {
  private static final long HOUR = 3_600_000L;
  private static final CohortShiftRule RULE = new CohortShiftRule(Direction.BELOW, 2, 12, 2, 6, 10, 10);
  private final Random noise = new Random(7);

  private GroupStats group(int devices, double level) {
    GroupStats g = new GroupStats();
    for (int i = 0; i < devices; i++) {
      g.add(level + 0.2 * noise.nextGaussian());
    }
    return g;
  }

  @Test
  void a_firmware_falling_below_every_other_builds_evidence_from_where_it_began() {
    // GIVEN ten quiet hours, then the cohort's residual falling 0.03 per hour (its devices' signal sinking)
    CohortShiftDetector d = new CohortShiftDetector(RULE);
    int fired = -1;
    CohortShiftDetector.Step step = null;
    for (int h = 0; h < 40 && fired < 0; h++) {
      double shift = h < 10 ? 0 : -0.03 * (h - 10);
      step = d.update(h * HOUR, group(30, shift), List.of(group(30, 0), group(30, 0)));
      if (step.evidence() >= RULE.decision()) {
        fired = h;
      }
    }
    // THEN it is found within a dozen hours of the onset, with the shift in units and both group sizes
    assertThat(fired).isBetween(12, 22);
    assertThat(step.shift()).isBetween(-0.5, -0.1);
    assertThat(step.z()).isNegative();
    assertThat(step.cohortDevices()).isEqualTo(30);
    assertThat(step.controlDevices()).isEqualTo(60);
    // AND it dates the evidence from about when the fall became visible, not from when it was decided
    assertThat(step.since()).isBetween(10 * HOUR, (long) fired * HOUR);
  }

  @Test
  void a_shift_common_to_every_firmware_builds_nothing() {
    // GIVEN a cold spell that moves every firmware's residual by the same 0.8 for two days
    CohortShiftDetector d = new CohortShiftDetector(RULE);
    double worst = 0;
    for (int h = 0; h < 72; h++) {
      double weather = h >= 12 && h < 60 ? -0.8 : 0;
      worst = Math.max(worst, d.update(h * HOUR, group(30, weather), List.of(group(30, weather), group(30, weather)))
          .evidence());
    }
    // THEN the difference, and so the evidence, stays near zero
    assertThat(worst).isLessThan(RULE.clearBelow());
  }

  @Test
  void too_few_devices_in_the_cohort_or_in_every_other_firmware_leave_the_evidence_as_it_was() {
    // GIVEN evidence built over two hours
    CohortShiftDetector d = new CohortShiftDetector(RULE);
    d.update(0, group(30, -1), List.of(group(30, 0)));
    double built = d.update(HOUR, group(30, -1), List.of(group(30, 0))).evidence();
    assertThat(built).isPositive();
    // WHEN the cohort has 9 devices in a bucket, or each other firmware has 9
    // THEN those buckets are not judged, and the evidence neither grows nor decays
    assertThat(d.update(2 * HOUR, group(9, -1), List.of(group(30, 0)))).isNull();
    assertThat(d.update(3 * HOUR, group(30, -1), List.of(group(9, 0), group(9, 0)))).isNull();
    assertThat(d.update(4 * HOUR, group(30, -1), List.of())).isNull();
    assertThat(d.evidence()).isEqualTo(built);
  }

  @Test
  void a_firmware_worse_than_one_other_but_better_than_another_is_not_at_fault() {
    // GIVEN a firmware sitting between a faulty one below it and a healthy one above it
    CohortShiftDetector d = new CohortShiftDetector(RULE);
    double worst = 0;
    for (int h = 0; h < 48; h++) {
      worst = Math.max(worst, d.update(h * HOUR, group(30, 0), List.of(group(30, -1), group(30, 0))).evidence());
    }
    // THEN it builds no evidence: it is not worse than every other firmware
    assertThat(worst).isLessThan(RULE.clearBelow());
  }

  @Test
  void one_device_far_off_cannot_move_a_firmware_past_the_allowance() {
    // GIVEN one device of the cohort 2.0 below the rest (a fault of its own), every hour for two days
    CohortShiftDetector d = new CohortShiftDetector(RULE);
    double worst = 0;
    for (int h = 0; h < 48; h++) {
      GroupStats cohort = group(29, 0);
      cohort.add(-2.0);
      worst = Math.max(worst, d.update(h * HOUR, cohort, List.of(group(30, 0), group(30, 0))).evidence());
    }
    // THEN the device widens the spread as much as it moves the mean (z about 1 < k = 2): no evidence
    assertThat(worst).isLessThan(RULE.clearBelow());
  }

  @Test
  void the_cusum_is_capped_so_a_fixed_firmware_clears_within_hours() {
    // GIVEN a cohort far below for a day
    CohortShiftDetector d = new CohortShiftDetector(RULE);
    for (int h = 0; h < 24; h++) {
      d.update(h * HOUR, group(30, -2), List.of(group(30, 0)));
    }
    assertThat(d.evidence()).isEqualTo(2 * RULE.decision());
    // WHEN it is back with the others THEN it is below clear_below within 12 hours (k = 2 per bucket)
    int hours = 0;
    while (d.evidence() >= RULE.clearBelow()) {
      d.update((24 + hours) * HOUR, group(30, 0), List.of(group(30, 0)));
      hours++;
    }
    assertThat(hours).isLessThanOrEqualTo(12);
  }

  @Test
  void a_restored_detector_continues_exactly() {
    // GIVEN a detector part-way into building evidence, snapshotted and restored
    CohortShiftDetector a = new CohortShiftDetector(RULE);
    for (int h = 0; h < 3; h++) {
      a.update(h * HOUR, group(30, -0.3), List.of(group(30, 0)));
    }
    CohortShiftDetector b = CohortShiftDetector.restore(RULE, a.snapshot());
    // WHEN both see the same next buckets THEN they judge alike
    for (int h = 3; h < 8; h++) {
      GroupStats cohort = group(30, -0.3);
      GroupStats control = group(30, 0);
      assertThat(b.update(h * HOUR, cohort, List.of(control))).isEqualTo(a.update(h * HOUR, cohort, List.of(control)));
    }
  }
}
