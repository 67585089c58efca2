package io.forewarn.notifier.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.config.ConfigReader;
import io.forewarn.notifier.feedback.SurveyKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerConfigTest {
  @Test
  void defaults_apply_when_nothing_is_set() {
    ConfigReader r = new ConfigReader(Map.of());
    PlannerConfig config = PlannerConfig.read(r);
    assertThat(r.problems()).isEmpty();
    assertThat(config).isEqualTo(PlannerConfig.defaults());
  }

  @Test
  void reads_override_credit_and_survey() {
    // GIVEN
    ConfigReader r = new ConfigReader(Map.of(
        "FOREWARN_NOTIFIER_DISRUPTION_OVERRIDES_QUIET_HOURS", "true",
        "FOREWARN_NOTIFIER_DISRUPTION_CREDIT_AFTER", "4h",
        "FOREWARN_NOTIFIER_ETA_SHIFT_THRESHOLD", "45m",
        "FOREWARN_NOTIFIER_SURVEY", "nps",
        "FOREWARN_NOTIFIER_MIN_CUSTOMER_SEVERITY", "high"));
    // WHEN
    PlannerConfig config = PlannerConfig.read(r);
    // THEN
    assertThat(r.problems()).isEmpty();
    assertThat(config.quietHoursOverride()).containsExactly(IncidentKind.SERVICE_DISRUPTION);
    assertThat(config.gestures()).containsExactly(
        new GestureRule(IncidentKind.SERVICE_DISRUPTION, Duration.ofHours(4), PlannerConfig.GESTURE_SERVICE_CREDIT));
    assertThat(config.etaShiftThreshold()).isEqualTo(Duration.ofMinutes(45));
    assertThat(config.survey()).isEqualTo(SurveyKind.NPS);
    assertThat(config.minCustomerSeverity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void survey_can_be_switched_off_and_bad_values_are_reported() {
    assertThat(PlannerConfig.read(new ConfigReader(Map.of("FOREWARN_NOTIFIER_SURVEY", "none"))).survey()).isNull();
    ConfigReader bad = new ConfigReader(Map.of("FOREWARN_NOTIFIER_SURVEY", "stars",
        "FOREWARN_NOTIFIER_ETA_SHIFT_THRESHOLD", "soon"));
    PlannerConfig.read(bad);
    assertThat(bad.problems()).hasSize(2);
    assertThat(bad.problems().get(1)).contains("FOREWARN_NOTIFIER_SURVEY=stars");
  }
}
