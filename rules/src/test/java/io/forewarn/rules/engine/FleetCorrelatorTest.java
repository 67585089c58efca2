package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.EngineFixture.MIN;
import static io.forewarn.rules.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetCorrelatorTest {

  @Test
  void a_region_going_silent_is_one_disruption_that_absorbs_the_device_incidents() {
    // GIVEN 6 devices of one region (two sites) reporting, then all silent at once
    EngineFixture f = new EngineFixture(6);
    for (int d = 1; d <= 6; d++) {
      f.run(d, T0 + d * 1000, 6, 1.4);
    }
    for (long t = T0 + 60 * MIN; t <= T0 + 150 * MIN; t += MIN) {
      f.tick(t);
    }
    // THEN exactly one top-level disruption (the region), listing every device and customer
    var disruptions = f.log.stream().filter(t -> t.type() == Transition.Type.OPENED
        && t.incident().kind().equals(Incident.SERVICE_DISRUPTION)).toList();
    var topLevel = f.engine.openIncidents().values().stream()
        .filter(i -> i.kind().equals(Incident.SERVICE_DISRUPTION) && i.parentFingerprint() == null).toList();
    assertThat(topLevel).singleElement().satisfies(i -> {
      assertThat(i.scopeType()).isEqualTo("region");
      assertThat(i.summaryKey()).isEqualTo("network_outage"); // a phrase-book key, as customers see it
      assertThat(i.affectedDeviceIds()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(i.details().get("affected_customer_ids")).asList().hasSize(6);
    });
    assertThat(disruptions).isNotEmpty();
    // AND every device incident points at a disruption, and none was announced on its own
    assertThat(f.engine.openIncidents().values()).filteredOn(i -> i.kind().equals(Incident.DEVICE_PROBLEM))
        .hasSize(6).allSatisfy(i -> assertThat(i.parentFingerprint()).isNotNull());
    assertThat(f.log).filteredOn(t -> t.incident().ruleId().endsWith("no_data") && t.tell()).isEmpty();

    // WHEN the region reports again THEN the disruption resolves
    for (int d = 1; d <= 6; d++) {
      f.run(d, T0 + 160 * MIN + d * 1000, 2, 1.4);
    }
    assertThat(f.log).filteredOn(t -> t.type() == Transition.Type.RESOLVED && t.incident().scopeType().equals("region"))
        .singleElement().satisfies(t -> assertThat(t.tell()).isTrue());
  }

  @Test
  void a_firmware_cohort_is_a_software_fault_and_silence_is_a_network_outage() {
    // GIVEN the cohort keys the correlator builds THEN firmware maps to software_fault, region and site to outage
    assertThat(FleetCorrelator.summaryKey("firmware:cpe-hr300@2.1")).isEqualTo("software_fault");
    assertThat(FleetCorrelator.summaryKey("region:north")).isEqualTo("network_outage");
    assertThat(FleetCorrelator.summaryKey("site:north-1")).isEqualTo("network_outage");
  }

  @Test
  void one_silent_device_is_not_a_disruption() {
    // GIVEN 6 devices of which one goes silent
    EngineFixture f = new EngineFixture(6);
    for (long t = T0; t <= T0 + 150 * MIN; t += 10 * MIN) {
      for (int d = 2; d <= 6; d++) {
        f.sample(d, t + d * 1000, 1.4);
      }
      if (t < T0 + 60 * MIN) {
        f.sample(1, t + 500, 1.4);
      }
      f.tick(t + MIN);
    }
    // THEN its no-data incident is announced on its own once the correlation window passed
    assertThat(f.log).filteredOn(t -> t.incident().kind().equals(Incident.SERVICE_DISRUPTION)).isEmpty();
    assertThat(f.of(Transition.Type.RELEASED, "no_data")).singleElement()
        .satisfies(t -> assertThat(t.incident().deviceId()).isEqualTo(1));
  }
}
