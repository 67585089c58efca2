package io.forewarn.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.outreach.Notices;
import org.junit.jupiter.api.Test;

class TemplateFamilyTest {

  @Test
  void a_disruption_of_one_firmware_is_told_with_the_firmware_family() {
    // GIVEN every GB24 boiler on 1.9.2 degrading
    // WHEN / THEN
    assertThat(TemplateFamily.of(Notices.firmwareDisruption().build())).isEqualTo(TemplateFamily.FIRMWARE_DISRUPTION);
    assertThat(TemplateFamily.FIRMWARE_DISRUPTION.templateName()).isEqualTo("firmware_disruption");
  }

  @Test
  void a_disruption_of_an_area_keeps_the_area_family() {
    // GIVEN an outage in a region or site (AffectedScopeTest: both are areas)
    // WHEN / THEN
    assertThat(TemplateFamily.of(Notices.disruption().region("north").build()))
        .isEqualTo(TemplateFamily.SERVICE_DISRUPTION);
    assertThat(TemplateFamily.SERVICE_DISRUPTION.templateName()).isEqualTo("service_disruption");
  }

  @Test
  void device_problems_and_maintenance_keep_their_own_families() {
    assertThat(TemplateFamily.of(Notices.device().build())).isEqualTo(TemplateFamily.DEVICE_PROBLEM);
    assertThat(TemplateFamily.of(Notices.maintenance().build())).isEqualTo(TemplateFamily.PLANNED_MAINTENANCE);
  }
}
