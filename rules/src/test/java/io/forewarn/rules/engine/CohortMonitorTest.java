package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.CohortFixture.FAULTY_KEY;
import static io.forewarn.rules.engine.CohortFixture.HOUR;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.ruleset.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monitor alone, bucket by bucket: each hour every device hands in a mean residual, its firmware's level
 * plus its own offset (the same twelve offsets, mean 0 and spread 0.2, in every firmware, so equal levels
 * compare as exactly equal and a level L is exactly L / 0.0818 standard errors), then the clock passes the
 * half-hour grace and the bucket is judged. Shipped settings: k = 2, h = 12, clip 6 (a firmware far below
 * gains 4 a bucket and fires on its third), capped at 24, clear below 2 for 6 hours, at least 6 hours
 * firing, at least 10 devices a side.
 */
class CohortMonitorTest {
  private final CohortFixture f = new CohortFixture();
  private final RuleSpec rule = f.rule();
  /** The level that is exactly k = 2 standard errors below the others: evidence neither grows nor decays. */
  private static final double AT_ALLOWANCE = -2 * Math.sqrt(2 * 0.04 * 13 / 12.96 / 12);
  private CohortMonitor monitor = new CohortMonitor(f.rules, f.fleet);
  private final List<CohortMonitor.Change> changes = new ArrayList<>();
  private long bucket = 1_000_000;

  /** One hour: each firmware's devices at their level (NaN: silent), then the bucket judged. */
  private void hour(Map<String, Double> levels, int devicesOfFaulty) {
    monitor.advance(bucket * HOUR);
    for (DeviceInfo d : f.fleet) {
      Double level = levels.getOrDefault(d.firmware(), 0.0);
      boolean silent = CohortFixture.faulty(d) && d.id() - 24 > devicesOfFaulty;
      if (!level.isNaN() && !silent) {
        monitor.contribute(d, rule, new CohortShare.Done(bucket - 1, level + offset(d)));
      }
    }
    monitor.advance(bucket * HOUR + HOUR / 2);
    changes.addAll(monitor.drainChanges());
    bucket++;
  }

  private static double offset(DeviceInfo d) {
    return 0.2 * ((d.id() - 1) % 12 - 5.5) / 3.6;
  }

  private void hours(int n, double faulty) {
    for (int i = 0; i < n; i++) {
      hour(Map.of(CohortFixture.FAULTY, faulty), 12);
    }
  }

  @Test
  void a_firmware_far_below_every_other_fires_on_its_third_bucket_and_holds_its_disruption() {
    // GIVEN quiet hours, then the faulty firmware 1 µA below the others
    hours(3, 0);
    hours(2, -1);
    assertThat(changes).isEmpty();
    hours(1, -1);
    // THEN it is found on the third bucket (4 standard errors a bucket over k, clipped at 6)
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.fired()).isTrue();
      assertThat(c.firmwareKey()).isEqualTo(FAULTY_KEY);
      assertThat(c.evidence()).containsEntry("cohort_devices_reporting", 12)
          .containsEntry("control_devices_reporting", 24)
          .containsEntry("control_firmwares", List.of("1.8.4", "1.9.0"));
      assertThat((double) c.evidence().get("cohort_shift")).isBetween(-1.2, -0.8);
    });
    assertThat(monitor.holds(FAULTY_KEY)).isTrue();
    assertThat(monitor.holds("firmware:boiler-gb24@1.9.0")).isFalse();
  }

  @Test
  void it_clears_only_after_clear_for_below_clear_below_and_holds_while_between_the_levels() {
    // GIVEN the firmware found at fault, its evidence at the cap (24)
    hours(12, -1);
    assertThat(changes).hasSize(1);
    // WHEN it comes back part-way: 8 hours level with the others (24 - 8 x 2 = 8, between 2 and 12), then a
    // day exactly k below them (the evidence stays at 8)
    hours(8, 0);
    hours(24, AT_ALLOWANCE);
    // THEN it still holds the disruption
    assertThat(changes).hasSize(1);
    assertThat(monitor.holds(FAULTY_KEY)).isTrue();
    // WHEN it is level with the others again
    int hoursToClear = 0;
    while (changes.size() == 1 && hoursToClear < 48) {
      hours(1, 0);
      hoursToClear++;
    }
    // THEN it resolves once: the evidence is below 2 from the 4th bucket (8, 6, 4, 2, 0) and stays so 6 hours
    assertThat(changes.get(1).fired()).isFalse();
    assertThat(hoursToClear).isEqualTo(4 + 6);
    assertThat(monitor.holds(FAULTY_KEY)).isFalse();
  }

  @Test
  void a_shift_common_to_every_firmware_is_not_a_fault() {
    // GIVEN every firmware 1 µA lower for a day (weather)
    for (int i = 0; i < 24; i++) {
      hour(Map.of("1.8.4", -1.0, "1.9.0", -1.0, "1.9.2", -1.0), 12);
    }
    // THEN nothing fires
    assertThat(changes).isEmpty();
  }

  @Test
  void too_small_a_firmware_or_control_is_never_judged() {
    // GIVEN the faulty firmware 1 µA below for a day with only 9 of its devices reporting
    for (int i = 0; i < 24; i++) {
      hour(Map.of(CohortFixture.FAULTY, -1.0), 9);
    }
    // AND then with all 12, but the other firmwares silent
    for (int i = 0; i < 24; i++) {
      hour(Map.of(CohortFixture.FAULTY, -1.0, "1.8.4", Double.NaN, "1.9.0", Double.NaN), 12);
    }
    // THEN nothing was judged: nothing fires
    assertThat(changes).isEmpty();
  }

  @Test
  void a_model_with_one_firmware_has_nothing_to_compare_with() {
    // GIVEN a fleet of boilers all on one firmware, all of them 1 µA below their own baselines
    List<DeviceInfo> one = f.fleet.stream().map(d -> new DeviceInfo(d.id(), d.externalId(), d.customerId(), d.model(),
        "2.0.0", d.region(), d.site())).toList();
    monitor = new CohortMonitor(f.rules, one);
    for (int i = 0; i < 24; i++) {
      monitor.advance(bucket * HOUR);
      one.forEach(d -> monitor.contribute(d, rule, new CohortShare.Done(bucket - 1, -1 + offset(d))));
      monitor.advance(bucket * HOUR + HOUR / 2);
      changes.addAll(monitor.drainChanges());
      bucket++;
    }
    // THEN no comparison, no finding (the device incidents' count-based correlation still applies)
    assertThat(changes).isEmpty();
  }

  @Test
  void a_firmware_found_at_fault_is_no_reference_for_the_others() {
    // GIVEN 1.9.2 far below, and 1.9.0 half as far: 1.9.0 is better than 1.9.2, so not worse than every other
    for (int i = 0; i < 3; i++) {
      hour(Map.of(CohortFixture.FAULTY, -2.0, "1.9.0", -1.0), 12);
    }
    // THEN after three buckets only 1.9.2 is found
    assertThat(changes).extracting(CohortMonitor.Change::firmwareKey).containsExactly(FAULTY_KEY);
    // WHEN it stays so THEN with 1.9.2 found at fault, 1.9.0 is compared with 1.8.4 alone: found three buckets on
    for (int i = 0; i < 3; i++) {
      hour(Map.of(CohortFixture.FAULTY, -2.0, "1.9.0", -1.0), 12);
    }
    assertThat(changes).extracting(CohortMonitor.Change::firmwareKey)
        .containsExactly(FAULTY_KEY, "firmware:boiler-gb24@1.9.0");
  }

  @Test
  void a_share_of_a_bucket_already_judged_is_dropped() {
    // GIVEN two quiet buckets judged
    hours(2, 0);
    byte[] before = monitor.drainDirty().get("cohort:boiler-gb24/flame_signal_drift@1.9.2");
    // WHEN a device hands in a share of the first bucket late
    monitor.contribute(f.fleet.getLast(), rule, new CohortShare.Done(bucket - 2, -5));
    // THEN nothing changed
    assertThat(before).isNotNull();
    assertThat(monitor.drainDirty()).isEmpty();
  }

  @Test
  void its_state_round_trips_through_snapshots_mid_bucket() {
    // GIVEN evidence building for two buckets and half a bucket's shares handed in
    hours(2, -1);
    monitor.advance(bucket * HOUR);
    f.fleet.stream().filter(d -> d.id() % 2 == 0)
        .forEach(d -> monitor.contribute(d, rule, new CohortShare.Done(bucket - 1, CohortFixture.faulty(d) ? -1 : 0)));
    // WHEN its state is restored into a fresh monitor
    CohortMonitor restored = new CohortMonitor(f.rules, f.fleet);
    monitor.drainDirty().forEach(restored::restore);
    // THEN both judge the rest alike: the same finding, at the same bucket
    for (CohortMonitor m : List.of(monitor, restored)) {
      f.fleet.stream().filter(d -> d.id() % 2 == 1).forEach(
          d -> m.contribute(d, rule, new CohortShare.Done(bucket - 1, CohortFixture.faulty(d) ? -1 : 0.01 * d.id())));
      m.advance(bucket * HOUR + HOUR / 2);
    }
    assertThat(restored.drainChanges()).isEqualTo(monitor.drainChanges()).hasSize(1);
    assertThat(restored.holds(FAULTY_KEY)).isTrue();
  }
}
