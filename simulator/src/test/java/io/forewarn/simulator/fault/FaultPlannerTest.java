package io.forewarn.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetGenerator;
import io.forewarn.simulator.fleet.FleetSpec;
import io.forewarn.simulator.fleet.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultPlannerTest {
  private static final Instant START = Instant.parse("2026-08-01T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofDays(30));
  private final Fleet fleet = new FleetGenerator(Region.catalogue()).generate(new FleetSpec(11, 3000, null));

  private FaultPlan plan(long seed) {
    return new FaultPlanner(seed, FaultSettings.DEFAULTS).plan(fleet, Region.catalogue(), START, END);
  }

  @Test
  void same_seed_gives_the_same_faults() {
    assertThat(plan(11).faults()).isEqualTo(plan(11).faults());
    assertThat(plan(11).faults()).isNotEqualTo(plan(12).faults());
  }

  @Test
  void every_kind_is_planned_in_a_large_enough_fleet() {
    // GIVEN a 3000-device fleet over 30 days, default fault settings, a few seeds (the cohort model varies)
    Map<FaultKind, Long> counts = plan(11).faults().stream()
        .collect(Collectors.groupingBy(Fault::kind, Collectors.counting()));
    // THEN each kind except possibly the cohort appears, and outages hit many devices at once
    assertThat(counts.keySet()).contains(FaultKind.PRESSURE_LEAK, FaultKind.FAN_WEAR, FaultKind.SIGNAL_DEGRADATION,
        FaultKind.RISING_ERROR_RATE, FaultKind.CAPACITY_FADE, FaultKind.SUDDEN_FAILURE, FaultKind.POWER_LOSS,
        FaultKind.REGION_OUTAGE, FaultKind.NOISY_HEALTHY, FaultKind.FIRMWARE_COHORT);
    assertThat(counts.get(FaultKind.REGION_OUTAGE)).isGreaterThan(50);
  }

  @Test
  void failures_fall_inside_the_window_after_their_onset() {
    for (Fault f : plan(11).faults()) {
      assertThat(f.onset()).isAfterOrEqualTo(START).isBefore(END);
      if (f.failureAt() != null) {
        assertThat(f.failureAt()).isAfterOrEqualTo(f.onset()).isBefore(END);
      }
      if (f.predictable()) {
        assertThat(Duration.between(f.onset(), f.failureAt())).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
      } else if (f.kind() != FaultKind.NOISY_HEALTHY) {
        assertThat(f.failureAt()).isEqualTo(f.onset());
      }
    }
  }

  @Test
  void firmware_cohort_degrades_together_from_one_rollout_instant() {
    var cohort = plan(11).faults().stream().filter(f -> f.kind() == FaultKind.FIRMWARE_COHORT).toList();
    assertThat(cohort).isNotEmpty();
    assertThat(cohort.stream().map(Fault::onset).distinct()).hasSize(1);
    Device first = fleet.device(cohort.getFirst().deviceIndex());
    long sameFirmware = fleet.devices().stream()
        .filter(d -> d.model() == first.model() && d.firmware().equals(first.firmware())).count();
    assertThat(cohort).hasSize((int) sameFirmware);
  }

  @Test
  void kinds_only_hit_models_they_apply_to() {
    for (Fault f : plan(11).faults()) {
      Device d = fleet.device(f.deviceIndex());
      assertThat(f.kind().appliesTo(d.model())).as(f.toString()).isTrue();
      assertThat(f.affectedMetrics()).allMatch(m -> d.model().index(m) >= 0);
    }
  }

  @Test
  void a_short_live_window_gets_short_but_visible_leads() {
    Instant end = START.plus(Duration.ofHours(2));
    FaultPlan live = new FaultPlanner(3, FaultSettings.DEFAULTS).plan(fleet, Region.catalogue(), START, end);
    assertThat(live.faults()).filteredOn(Fault::predictable).allSatisfy(f -> {
      assertThat(Duration.between(f.onset(), f.failureAt())).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(40));
      assertThat(f.failureAt()).isBefore(end);
    });
  }
}
