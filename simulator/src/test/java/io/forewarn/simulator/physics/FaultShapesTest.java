package io.forewarn.simulator.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.ProductModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultShapesTest {
  private static final Instant START = Instant.parse("2026-01-10T00:00:00Z");
  private static final Instant ONSET = START.plus(Duration.ofDays(4));
  private static final Duration LEAD = Duration.ofDays(8);
  private static final Instant FAILURE = ONSET.plus(LEAD);
  private static final Instant REPAIR = FAILURE.plus(Duration.ofDays(2));
  private static final String FLAME_SIGNAL = "flame_signal_ua";

  private static Trace degrade(ProductModel model, FaultKind kind) {
    Device d = Trace.first(model, 0);
    Fault f = Trace.fault(d, kind, ONSET, FAILURE, REPAIR);
    return Trace.run(d, List.of(f), START, Duration.ofDays(16));
  }

  /** Means over the four quarters of the lead time; daily cycles average out over two days each. */
  private static double[] quarters(Trace t, String metric) {
    double[] q = new double[4];
    Duration quarter = LEAD.dividedBy(4);
    for (int i = 0; i < 4; i++) {
      Instant from = ONSET.plus(quarter.multipliedBy(i));
      q[i] = t.mean(metric, from, from.plus(quarter));
    }
    return q;
  }

  private static void assertFalls(double[] q) {
    assertThat(q[1]).isLessThan(q[0]);
    assertThat(q[2]).isLessThan(q[1]);
    assertThat(q[3]).isLessThan(q[2]);
  }

  private static void assertRises(double[] q) {
    assertThat(q[1]).isGreaterThan(q[0]);
    assertThat(q[2]).isGreaterThan(q[1]);
    assertThat(q[3]).isGreaterThan(q[2]);
  }

  /** A predictable fault stays inside the limits until late in its lead and is past them once failed. */
  private static void assertCrossesNearFailure(Trace t) {
    Reading first = t.firstViolation();
    assertThat(first).as("no limit was crossed").isNotNull();
    Instant crossed = Instant.ofEpochMilli(first.epochMillis());
    assertThat(crossed).isAfter(ONSET.plus(LEAD.multipliedBy(3).dividedBy(4)));
    assertThat(crossed).isBefore(FAILURE.plus(Duration.ofHours(1)));
  }

  @Test
  void pressure_leak_lowers_pressure_steadily_until_lockout() {
    Trace t = degrade(ProductModel.BOILER, FaultKind.PRESSURE_LEAK);
    assertFalls(quarters(t, "pressure_bar"));
    assertCrossesNearFailure(t);
    // while failed, every report shows pressure below the 0.7 bar limit and no heat
    assertThat(t.reported(FAILURE, REPAIR)).allSatisfy(r -> {
      assertThat(r.values()[2]).isLessThan(0.7);
      assertThat(r.values()[0]).isLessThan(30);
    });
    // after the repair the pressure is back up
    assertThat(t.mean("pressure_bar", REPAIR, REPAIR.plus(Duration.ofDays(1)))).isGreaterThan(1.0);
  }

  @Test
  void fan_wear_slows_the_fan_and_heats_the_compressor() {
    Trace t = degrade(ProductModel.HEAT_PUMP, FaultKind.FAN_WEAR);
    assertFalls(quarters(t, "fan_rpm"));
    assertRises(quarters(t, "temp_c"));
    assertCrossesNearFailure(t);
    assertThat(t.reported(FAILURE, REPAIR)).allSatisfy(r -> assertThat(r.values()[1]).isGreaterThan(90));
  }

  @Test
  void signal_degradation_lowers_snr_and_raises_loss() {
    Trace t = degrade(ProductModel.ROUTER, FaultKind.SIGNAL_DEGRADATION);
    assertFalls(quarters(t, "rssi_dbm"));
    assertFalls(quarters(t, "snr_db"));
    assertRises(quarters(t, "packet_loss_pct"));
    assertCrossesNearFailure(t);
    assertThat(t.reported(FAILURE, REPAIR)).allSatisfy(r -> assertThat(r.values()[1]).isLessThan(10));
  }

  @Test
  void capacity_fade_lowers_cop_and_raises_power() {
    Trace t = degrade(ProductModel.HEAT_PUMP, FaultKind.CAPACITY_FADE);
    assertFalls(quarters(t, "cop"));
    assertCrossesNearFailure(t);
    assertThat(t.reported(FAILURE, REPAIR)).allSatisfy(r -> assertThat(r.values()[4]).isLessThan(1.8));
  }

  @Test
  void rising_error_rate_makes_errors_ever_more_frequent_then_bursts() {
    Trace t = degrade(ProductModel.HEAT_PUMP, FaultKind.RISING_ERROR_RATE);
    double[] added = new double[4];
    Duration quarter = LEAD.dividedBy(4);
    for (int i = 0; i < 4; i++) {
      Instant to = ONSET.plus(quarter.multipliedBy(i + 1));
      added[i] = t.last("error_count", to) - t.last("error_count", to.minus(quarter));
    }
    assertThat(added[3]).isGreaterThan(added[1]).isGreaterThan(0);
    assertCrossesNearFailure(t);
    double jump = t.last("error_count", FAILURE.plus(Duration.ofMinutes(30))) - t.last("error_count", FAILURE);
    assertThat(jump).isGreaterThanOrEqualTo(20);
  }

  @Test
  void boiler_ignition_wear_ends_in_a_lockout_burst() {
    Trace t = degrade(ProductModel.BOILER, FaultKind.RISING_ERROR_RATE);
    double before = t.last("flame_failures", ONSET);
    double atFailure = t.last("flame_failures", FAILURE);
    assertThat(atFailure - before).isGreaterThan(3);
    assertCrossesNearFailure(t);
  }

  @Test
  void boiler_ignition_wear_lowers_the_flame_signal_long_before_ignitions_fail() {
    for (FaultKind kind : List.of(FaultKind.RISING_ERROR_RATE, FaultKind.FIRMWARE_COHORT)) {
      // GIVEN a boiler whose ignition wears out over eight days in January, and the same boiler healthy
      Trace t = degrade(ProductModel.BOILER, kind);
      Trace healthy = Trace.run(t.device(), List.of(), START, Duration.ofDays(16));
      // THEN the flame signal falls quarter by quarter
      assertFalls(quarters(t, FLAME_SIGNAL));
      // AND a fifth into the lead it is already well below the healthy boiler's, while ignitions
      // still fail no more often than a healthy boiler's
      Instant fifth = ONSET.plus(LEAD.dividedBy(5));
      Instant dayBefore = fifth.minus(Duration.ofDays(1));
      assertThat(healthy.mean(FLAME_SIGNAL, dayBefore, fifth) - t.mean(FLAME_SIGNAL, dayBefore, fifth))
          .as(kind.label()).isGreaterThan(0.3);
      assertThat(t.last("flame_failures", fifth) - t.last("flame_failures", ONSET)).isLessThanOrEqualTo(1);
      // AND the first limit it crosses is near the failure
      assertCrossesNearFailure(t);
      // AND while locked out the burner never fires, so no report carries a flame signal
      int signal = t.device().model().index(FLAME_SIGNAL);
      assertThat(t.reported(FAILURE, REPAIR)).isNotEmpty().allSatisfy(r -> assertThat(r.values()[signal]).isNaN());
      // AND after the repair it is back at the healthy level
      Instant dayAfter = REPAIR.plus(Duration.ofDays(1));
      assertThat(t.mean(FLAME_SIGNAL, REPAIR, dayAfter))
          .isCloseTo(healthy.mean(FLAME_SIGNAL, REPAIR, dayAfter), org.assertj.core.data.Offset.offset(0.2));
    }
  }

  @Test
  void a_boiler_reports_its_flame_signal_only_when_the_burner_fired() {
    // GIVEN a healthy boiler over a week in January and a week in July
    Device d = Trace.first(ProductModel.BOILER, 0);
    int signal = d.model().index(FLAME_SIGNAL);
    Trace winter = Trace.run(d, List.of(), START, Duration.ofDays(7));
    Trace summer = Trace.run(d, List.of(), Instant.parse("2026-07-10T00:00:00Z"), Duration.ofDays(7));
    // THEN in winter the burner fires in nearly every interval; in summer only for hot water, so many
    // reports leave the signal out, and those that carry it show a flame well above the lockout level
    assertThat(shareWithSignal(winter, signal)).isGreaterThan(0.8);
    assertThat(shareWithSignal(summer, signal)).isBetween(0.05, 0.6);
    for (Trace t : List.of(winter, summer)) {
      assertThat(t.readings()).filteredOn(Reading::reported).map(r -> r.values()[signal]).filteredOn(v -> !v.isNaN())
          .allSatisfy(v -> assertThat(v).isBetween(2.5, 9.0));
    }
  }

  private static double shareWithSignal(Trace t, int signal) {
    List<Reading> reports = t.readings().stream().filter(Reading::reported).toList();
    return reports.stream().filter(r -> !Double.isNaN(r.values()[signal])).count() / (double) reports.size();
  }

  @Test
  void router_firmware_cohort_climbs_in_latency_until_failure() {
    Trace t = degrade(ProductModel.ROUTER, FaultKind.FIRMWARE_COHORT);
    assertRises(quarters(t, "latency_ms"));
    assertRises(quarters(t, "cpu_temp_c"));
    assertCrossesNearFailure(t);
  }

  @Test
  void sudden_failure_has_no_precursor() {
    for (ProductModel model : ProductModel.values()) {
      Device d = Trace.first(model, 1);
      Fault f = Trace.fault(d, FaultKind.SUDDEN_FAILURE, FAILURE, FAILURE, REPAIR);
      Trace faulty = Trace.run(d, List.of(f), START, Duration.ofDays(16));
      Trace healthy = Trace.run(d, List.of(), START, Duration.ofDays(16));
      // THEN up to the failure the series is exactly what the healthy device reports
      assertThat(faulty.reported(START, FAILURE)).usingRecursiveFieldByFieldElementComparator()
          .isEqualTo(healthy.reported(START, FAILURE));
      // AND the first limit violation is at the failure itself
      assertThat(faulty.firstViolation().epochMillis()).as(model.name())
          .isBetween(FAILURE.toEpochMilli(), FAILURE.plus(d.interval().multipliedBy(2)).toEpochMilli());
    }
  }

  @Test
  void power_loss_silences_the_device_until_power_returns() {
    Device d = Trace.first(ProductModel.ROUTER, 2);
    Instant back = FAILURE.plus(Duration.ofHours(5));
    Fault f = Trace.fault(d, FaultKind.POWER_LOSS, FAILURE, FAILURE, back);
    Trace t = Trace.run(d, List.of(f), START, Duration.ofDays(14));
    assertThat(t.readings())
        .filteredOn(r -> r.epochMillis() >= FAILURE.toEpochMilli() && r.epochMillis() < back.toEpochMilli())
        .isNotEmpty().allMatch(r -> r.presence() == Reading.Presence.SILENT);
    assertThat(t.reported(back, back.plus(Duration.ofHours(2)))).isNotEmpty();
    // and the router counts the reboot when power comes back
    assertThat(t.last("reboots", back.plus(Duration.ofHours(1)))).isGreaterThan(t.last("reboots", FAILURE));
  }

  @Test
  void report_times_are_unique_increasing_and_jittered() {
    Trace t = Trace.run(Trace.first(ProductModel.BOILER, 3), List.of(), START, Duration.ofDays(3));
    long[] ts = t.readings().stream().mapToLong(Reading::epochMillis).toArray();
    long interval = t.device().interval().toMillis();
    for (int i = 1; i < ts.length; i++) {
      assertThat(ts[i] - ts[i - 1]).isGreaterThan(interval * 8 / 10).isLessThan(interval * 12 / 10);
    }
    assertThat(java.util.Arrays.stream(ts).map(x -> x % interval).distinct().count()).isGreaterThan(10);
  }
}
