package io.forewarn.notifier.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AffectedScopeTest {

  @Test
  void a_firmware_scope_is_read_as_model_and_version() {
    // GIVEN the scope the rules stage writes for a firmware cohort
    // WHEN
    AffectedScope scope = AffectedScope.of("firmware", "boiler-gb24@1.9.2");
    // THEN
    assertThat(scope).isEqualTo(new AffectedScope.Firmware("boiler-gb24", "1.9.2"));
    assertThat(((AffectedScope.Firmware) scope).scopeValue()).isEqualTo("boiler-gb24@1.9.2");
  }

  @Test
  void regions_and_sites_are_areas() {
    assertThat(AffectedScope.of("region", "north")).isEqualTo(new AffectedScope.Area("north"));
    assertThat(AffectedScope.of("site", "north-1")).isEqualTo(new AffectedScope.Area("north-1"));
  }

  @Test
  void a_firmware_scope_without_model_or_version_is_refused() {
    // GIVEN firmware values no rules stage writes: no '@', nothing before or after it
    for (String bad : new String[] {"1.9.2", "@1.9.2", "boiler-gb24@", " "}) {
      // THEN each is refused with what was wrong (the outbox row is parked, not half told)
      assertThatThrownBy(() -> AffectedScope.of("firmware", bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model@version");
    }
  }
}
