package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.CohortFixture.FAULTY_KEY;
import static io.forewarn.rules.engine.CohortFixture.HEALTHY;
import static io.forewarn.rules.engine.CohortFixture.HOUR;
import static io.forewarn.rules.engine.CohortFixture.T0;
import static io.forewarn.rules.engine.CohortFixture.sinking;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.ruleset.ProductCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firmware comparison through the whole engine, in simulated time (see {@link CohortFixture}). */
class CohortDisruptionTest {
  private static final long DAY = 24 * HOUR;
  /** Wednesday noon: two days of learning behind every device. */
  private static final long ONSET = T0 + 2 * DAY + 12 * HOUR;

  @Test
  void a_firmware_whose_flame_signal_sinks_is_one_software_fault_disruption_listing_every_device_and_customer() {
    // GIVEN three firmwares of twelve boilers, the 1.9.2 ones' flame signal sinking 0.03 µA an hour from Wednesday
    CohortFixture f = new CohortFixture();
    f.run(T0, T0 + 4 * DAY, sinking(ONSET, 0.03));
    // THEN exactly one disruption opened: the firmware's, told, a software fault
    List<Transition> opened = f.disruptions(Transition.Type.OPENED);
    assertThat(opened).singleElement().satisfies(t -> {
      Incident d = t.incident();
      assertThat(t.tell()).isTrue();
      assertThat(d.scopeType()).isEqualTo("firmware");
      assertThat(d.scopeValue()).isEqualTo("boiler-gb24@1.9.2");
      assertThat(d.summaryKey()).isEqualTo(Incident.SOFTWARE_FAULT);
      // AND it lists every device of the firmware, and each household once (35 and 36 share one)
      assertThat(d.affectedDeviceIds()).containsExactlyElementsOf(f.faultyIds());
      assertThat(d.details().get("affected_customer_ids")).asInstanceOf(
          org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(11).doesNotHaveDuplicates();
      // AND its evidence: both group sizes, the shift in µA, since when
      assertThat(d.details()).containsEntry("detected_by", "cohort_comparison")
          .containsEntry("cohort_rule", "boiler-gb24/flame_signal_drift").containsEntry("cohort_devices_reporting", 12)
          .containsEntry("control_devices_reporting", 24).containsEntry("cohort_size", 12);
      assertThat((double) d.details().get("cohort_shift")).isNegative();
      Instant since = Instant.parse((String) d.details().get("cohort_shift_since"));
      assertThat(since).isBetween(Instant.ofEpochMilli(ONSET - HOUR), d.firingAt());
      // AND it was found within a day of the onset, before any boiler of the firmware was sure on its own
      assertThat(d.firingAt()).isBefore(Instant.ofEpochMilli(ONSET + DAY));
    });
    Instant found = opened.getFirst().incident().firingAt();
    List<Transition> deviceIncidents = f.log.stream().filter(t -> t.type() == Transition.Type.OPENED
        && Incident.DEVICE_PROBLEM.equals(t.incident().kind())).toList();
    assertThat(deviceIncidents).isNotEmpty().allSatisfy(t -> assertThat(t.incident().firingAt()).isAfter(found));
    // AND the device incidents that followed opened as part of it: no second disruption, no customer told twice
    assertThat(deviceIncidents).allSatisfy(t -> {
      assertThat(t.tell()).isFalse();
      assertThat(t.incident().parentFingerprint()).isEqualTo(FAULTY_KEY + ":disruption");
    });
    assertThat(f.disruptions(Transition.Type.UPDATED)).isEmpty();
  }

  @Test
  void a_cold_spell_lowering_every_boiler_alike_opens_no_disruption() {
    // GIVEN every boiler's flame signal 0.3 µA lower for a day and a half (five standard errors of a firmware's mean)
    CohortFixture f = new CohortFixture();
    f.run(T0, T0 + 5 * DAY, (d, ts) -> ts > ONSET && ts < ONSET + 36 * HOUR ? -0.3 : 0);
    // THEN the firmwares do not differ: nothing opens
    assertThat(f.disruptions(Transition.Type.OPENED)).isEmpty();
    assertThat(f.log).isEmpty();
  }

  @Test
  void a_disruption_the_device_incidents_opened_is_extended_to_the_whole_firmware_not_doubled() {
    // GIVEN half the 1.9.2 boilers losing 3 µA at once while the other firmwares are silent (nothing to compare with)
    CohortFixture f = new CohortFixture();
    f.run(T0, ONSET, HEALTHY);
    f.run(ONSET, ONSET + 12 * HOUR, (d, ts) -> !CohortFixture.faulty(d) ? Double.NaN : d.id() > 30 ? -3 : 0);
    // THEN their device incidents open the firmware's disruption, listing only them
    assertThat(f.disruptions(Transition.Type.OPENED)).singleElement().satisfies(t -> {
      assertThat(t.incident().fingerprint()).isEqualTo(FAULTY_KEY + ":disruption");
      assertThat(t.incident().affectedDeviceIds()).hasSizeGreaterThanOrEqualTo(5).isSubsetOf(31, 32, 33, 34, 35, 36);
      assertThat(t.incident().details()).containsEntry("detected_by", "device_incidents");
    });
    int updatesBefore = f.disruptions(Transition.Type.UPDATED).size();
    // WHEN the other firmwares report again and the comparison finds 1.9.2 worse than both
    f.run(ONSET + 12 * HOUR, ONSET + 24 * HOUR, (d, ts) -> CohortFixture.faulty(d) && d.id() > 30 ? -3 : 0);
    // THEN the same disruption is extended to every device of the firmware: updated, never opened twice
    assertThat(f.disruptions(Transition.Type.OPENED)).hasSize(1);
    List<Transition> updates = f.disruptions(Transition.Type.UPDATED);
    assertThat(updates.subList(updatesBefore, updates.size())).singleElement().satisfies(t -> {
      assertThat(t.tell()).isTrue();
      assertThat(t.incident().fingerprint()).isEqualTo(FAULTY_KEY + ":disruption");
      assertThat(t.incident().affectedDeviceIds()).containsExactlyElementsOf(f.faultyIds());
      assertThat(t.incident().details()).containsEntry("detected_by", "cohort_comparison");
    });
  }

  @Test
  void the_disruption_resolves_once_the_firmware_is_fixed_and_its_comparison_stayed_clear_for_clear_for() {
    // GIVEN the sinking firmware found at fault, then fixed on Friday at midnight
    CohortFixture f = new CohortFixture();
    long fixed = T0 + 4 * DAY;
    f.run(T0, fixed, sinking(ONSET, 0.03));
    assertThat(f.disruptions(Transition.Type.OPENED)).hasSize(1);
    // WHEN its boilers are healthy again for two days
    f.run(fixed, fixed + 2 * DAY, HEALTHY);
    // THEN the disruption resolves once, told, no sooner than the comparison's clear_for after the fix
    assertThat(f.disruptions(Transition.Type.RESOLVED)).singleElement().satisfies(t -> {
      assertThat(t.tell()).isTrue();
      assertThat(t.incident().resolvedAt()).isAfterOrEqualTo(Instant.ofEpochMilli(fixed + 6 * HOUR));
    });
    assertThat(f.engine.openIncidents()).isEmpty();
  }

  @Test
  void a_restored_engine_judges_the_firmware_exactly_as_the_one_it_replaces() {
    // GIVEN an engine part-way through the comparison (evidence building, a bucket's shares handed in)
    CohortFixture a = new CohortFixture();
    long cut = ONSET + 5 * HOUR + 20 * CohortFixture.MIN;
    a.run(T0, cut, sinking(ONSET, 0.03));
    assertThat(a.disruptions(Transition.Type.OPENED)).isEmpty();
    // WHEN its state is stored (device rules, fleet state, open incidents) and read into a fresh engine
    Engine b = new Engine(a.rules, ProductCatalog.standard(), a.fleet);
    a.engine.drainDirtyState().forEach((device, rules) -> rules.forEach((rule, s) -> b.restoreState(device, rule, s)));
    a.engine.drainDirtyFleetState().forEach(b::restoreFleetState);
    b.restoreOpen(a.engine.openIncidents().values());
    int before = a.log.size();
    a.twin = b;
    a.run(cut, cut + DAY, sinking(ONSET, 0.03));
    // THEN both open the same disruption at the same moment with the same evidence, and nothing else differs
    List<Transition> fromA = a.log.subList(before, a.log.size());
    assertThat(fromA).filteredOn(t -> t.incident().kind().equals(Incident.SERVICE_DISRUPTION)).hasSize(1);
    assertThat(a.twinLog).isEqualTo(fromA);
  }

  @Test
  void without_a_cohort_block_the_engine_compares_nothing() {
    // GIVEN the same sinking firmware under a rule file without fleet.cohort
    CohortFixture f = new CohortFixture(CohortFixture.RULES.replaceAll("\"cohort\": \\{[^}]*}",
        "\"firmware_window_factor\": 96"));
    f.run(T0, ONSET + 12 * HOUR, sinking(ONSET, 0.03));
    // THEN no disruption opens within the 12 hours the comparison needs
    assertThat(f.disruptions(Transition.Type.OPENED)).isEmpty();
    assertThat(f.engine.fleetStateKeys()).isEmpty();
    assertThat(f.engine.drainDirtyFleetState()).isEmpty();
  }
}
