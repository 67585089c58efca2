package io.forewarn.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertQualityTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofDays(10));

  private static Instant day(double d) {
    return START.plusSeconds((long) (d * 86_400));
  }

  private static ReplayIncident device(int id, double firingDay, Double resolvedDay) {
    return new ReplayIncident("device:" + id + ":r", "device_problem", "m/r", "device", "" + id, id, day(firingDay),
        resolvedDay == null ? null : day(resolvedDay), false);
  }

  @Test
  void scores_recall_lead_false_incidents_flaps_and_outages() {
    // GIVEN two predictable faults (one found 3 of 4 days early, one missed), a fault-free device with
    // an incident that reopens an hour after resolving, and a region outage handled by one disruption
    List<Fault> faults = List.of(
        new Fault(1, "pressure_leak", day(1), day(5), day(6), true, ""),
        new Fault(2, "fan_wear", day(2), day(4), null, true, ""),
        new Fault(4, "region_outage", day(7), day(7.2), day(7.3), false, "north"));
    List<ReplayIncident> incidents = List.of(
        device(1, 2, 6.1),
        device(3, 3, 3.5), device(3, 3.54, 3.6),
        new ReplayIncident("region:north:disruption", "service_disruption", "fleet/region", "region", "north", null,
            day(7.05), day(7.3), false));
    // WHEN scored over 10 devices and 10 days
    AlertQuality.Report r = AlertQuality.score(faults, incidents, 10, START, END, id -> "north", id -> "n1");
    // THEN
    assertThat(r.predictableFaults()).isEqualTo(2);
    assertThat(r.detected()).isEqualTo(1);
    assertThat(r.recall()).isEqualTo(0.5);
    assertThat(r.leads()).containsExactly(Duration.ofDays(3));
    assertThat(r.medianLeadRatio()).isEqualTo(0.75);
    assertThat(r.falseIncidents()).isEqualTo(2);
    assertThat(r.falsePer1000DeviceDays()).isEqualTo(20.0);
    assertThat(r.flaps()).isEqualTo(1);
    assertThat(r.outages()).isEqualTo(1);
    assertThat(r.outagesHandled()).isEqualTo(1);
  }
}
