package io.forewarn.rules.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.replay.AlertQuality.Warnings;
import io.forewarn.rules.replay.AlertQuality.Where;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertQualityTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofDays(10));
  private static final Where NORTH = new Where("north", "n1", "boiler-gb24@1.9.2");

  private static Instant day(double d) {
    return START.plusSeconds((long) (d * 86_400));
  }

  private static ReplayIncident device(int id, double firingDay, Double resolvedDay) {
    return new ReplayIncident("device:" + id + ":r", "device_problem", "m/r", "device", "" + id, id, day(firingDay),
        resolvedDay == null ? null : day(resolvedDay), false);
  }

  private static ReplayIncident firmware(String value, double firingDay, Map<Integer, Instant> listed) {
    return new ReplayIncident("firmware:" + value + ":disruption", "service_disruption", "fleet/firmware", "firmware",
        value, null, day(firingDay), null, false, listed);
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
    AlertQuality.Report r = AlertQuality.score(faults, incidents, 10, START, END, id -> NORTH,
        Warnings.DEVICE_INCIDENTS);
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
    assertThat(r.falseOutageDisruptions()).isZero();
  }

  @Test
  void a_device_listed_by_a_firing_firmware_disruption_counts_as_warned_from_when_it_was_listed() {
    // GIVEN a firmware fault on devices 1 and 2 from day 1 to day 5: the disruption listed device 1 at day 1.5
    // and device 2 (added by an update) at day 2; device 1's own incident fired at day 3, device 2 had none
    List<Fault> faults = List.of(
        new Fault(1, "firmware_cohort", day(1), day(5), day(6), true, ""),
        new Fault(2, "firmware_cohort", day(1), day(5), day(6), true, ""));
    List<ReplayIncident> incidents = List.of(device(1, 3, 6.0),
        firmware("boiler-gb24@1.9.2", 1.5, Map.of(1, day(1.5), 2, day(2))));
    // WHEN scored both ways
    AlertQuality.Report old = AlertQuality.score(faults, incidents, 10, START, END, id -> NORTH,
        Warnings.DEVICE_INCIDENTS);
    AlertQuality.Report r = AlertQuality.score(faults, incidents, 10, START, END, id -> NORTH,
        Warnings.WITH_FIRMWARE_DISRUPTIONS);
    // THEN device incidents alone found one of two, 2 days early
    assertThat(old.detected()).isEqualTo(1);
    assertThat(old.leads()).containsExactly(Duration.ofDays(2));
    assertThat(old.firstByDisruption()).isZero();
    // AND with the disruption both were warned, each from the moment it was listed
    assertThat(r.detected()).isEqualTo(2);
    assertThat(r.leads()).containsExactlyInAnyOrder(Duration.ofHours(84), Duration.ofDays(3));
    assertThat(r.firstByDisruption()).isEqualTo(2);
    assertThat(r.falseFirmwareDisruptions()).isZero();
  }

  @Test
  void a_listing_before_the_onset_or_a_region_disruption_warns_of_nothing() {
    // GIVEN a pressure leak from day 3 on a device a firmware disruption listed at day 2, and a region outage
    // disruption listing it at day 4 (its customer heard of silence, not of a leak)
    List<Fault> faults = List.of(new Fault(1, "pressure_leak", day(3), day(5), day(6), true, ""));
    List<ReplayIncident> incidents = List.of(
        firmware("boiler-gb24@1.9.2", 2, Map.of(1, day(2))),
        new ReplayIncident("region:north:disruption", "service_disruption", "fleet/region", "region", "north", null,
            day(4), day(4.1), false, Map.of(1, day(4))));
    // WHEN scored with disruptions
    AlertQuality.Report r = AlertQuality.score(faults, incidents, 10, START, END, id -> NORTH,
        Warnings.WITH_FIRMWARE_DISRUPTIONS);
    // THEN the fault is not warned
    assertThat(r.detected()).isZero();
    // AND both disruptions are false: no firmware fault, no outage
    assertThat(r.falseFirmwareDisruptions()).isEqualTo(1);
    assertThat(r.falseOutageDisruptions()).isEqualTo(1);
  }

  @Test
  void a_firmware_disruption_on_another_firmware_than_the_faulty_one_is_false() {
    // GIVEN a fault on firmware 1.9.2 and disruptions on it and on 1.9.0 while it lasts
    List<Fault> faults = List.of(new Fault(1, "firmware_cohort", day(1), day(5), day(6), true, ""));
    List<ReplayIncident> incidents = List.of(firmware("boiler-gb24@1.9.2", 1.5, Map.of(1, day(1.5))),
        firmware("boiler-gb24@1.9.0", 1.6, Map.of(2, day(1.6))));
    // WHEN scored THEN only the second is false
    AlertQuality.Report r = AlertQuality.score(faults, incidents, 10, START, END,
        id -> id == 1 ? NORTH : new Where("north", "n1", "boiler-gb24@1.9.0"), Warnings.WITH_FIRMWARE_DISRUPTIONS);
    assertThat(r.falseFirmwareDisruptions()).isEqualTo(1);
  }
}
