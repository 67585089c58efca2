package io.forewarn.rules.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleFileLoaderTest {
  private final RuleFileLoader loader = new RuleFileLoader(ProductCatalog.standard());

  @Test
  void shipped_rule_file_covers_every_model_with_each_kind_of_rule() {
    // WHEN the rules in the jar are loaded
    RuleSet rules = loader.loadDefault();
    // THEN every simulator model has thresholds, a forecast, a counter rule and no-data
    for (String model : ProductCatalog.standard().metricsByModel().keySet()) {
      assertThat(rules.forModel(model)).extracting(r -> r.detector().getClass().getSimpleName())
          .contains("Threshold", "Forecast", "Increase", "NoData");
    }
    // AND the router's signal is watched for drift from its own baseline
    assertThat(rules.forModel("cpe-hr300"))
        .anySatisfy(r -> assertThat(r.detector()).isInstanceOf(Detector.Drift.class));
  }

  @Test
  void lists_every_problem_of_a_bad_file_at_once() {
    // GIVEN a file with an unknown model, an unknown metric, an unknown kind, a clear level on the wrong
    // side, a bad duration, a missing summary and a duplicate id
    String json = """
        {"version": "t1", "models": {
          "toaster-9": {"rules": []},
          "boiler-gb24": {"rules": [
            {"id": "a", "kind": "threshold", "metric": "pressure_psi", "direction": "below", "trigger": 0.8, "clear": 0.9,
             "summary": "s", "summary_key": "k", "action": "x"},
            {"id": "b", "kind": "wobble", "metric": "pressure_bar", "summary": "s", "summary_key": "k", "action": "x"},
            {"id": "c", "kind": "threshold", "metric": "pressure_bar", "direction": "below", "trigger": 0.8, "clear": 0.6,
             "summary": "s", "summary_key": "k", "action": "x"},
            {"id": "d", "kind": "no_data", "for": "15 minutes", "summary": "s", "summary_key": "k", "action": "x"},
            {"id": "e", "kind": "no_data", "summary_key": "k", "action": "x"},
            {"id": "f", "kind": "no_data", "summary": "s", "summary_key": "k", "action": "x"},
            {"id": "f", "kind": "no_data", "summary": "s", "summary_key": "k", "action": "x"}
          ]}}}
        """;
    // WHEN it is parsed THEN one exception names all seven problems with their place in the file
    assertThatThrownBy(() -> loader.parse(json, "test.json"))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).contains("models.toaster-9").contains("unknown product model"),
            p -> assertThat(p).contains("rules[0]").contains("unknown metric 'pressure_psi'"),
            p -> assertThat(p).contains("rules[1]").contains("'kind' must be one of"),
            p -> assertThat(p).contains("rules[2]").contains("wrong side"),
            p -> assertThat(p).contains("rules[3]").contains("ISO-8601"),
            p -> assertThat(p).contains("rules[4]").contains("'summary' is required"),
            p -> assertThat(p).contains("rules[6]").contains("duplicate rule id 'f'")));
  }

  @Test
  void rejects_keys_the_notifier_could_never_look_up_and_lists_both() {
    // GIVEN an operator-style dotted summary_key and an action_key with capitals
    String json = """
        {"version": "t1", "models": {"boiler-gb24": {"rules": [
          {"id": "a", "kind": "no_data", "summary": "s", "summary_key": "boiler.no_data", "action": "x"},
          {"id": "b", "kind": "no_data", "summary": "s", "summary_key": "device_offline", "action_key": "Call-Us",
           "action": "x"}]}}}
        """;
    // WHEN it is parsed THEN both keys are reported at once, each with its place
    assertThatThrownBy(() -> loader.parse(json, "t")).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).contains("rules[0]").contains("'summary_key' must be lower_snake_case"),
            p -> assertThat(p).contains("rules[1]").contains("'action_key' must be lower_snake_case")));
  }

  @Test
  void carries_the_optional_action_key_and_leaves_it_null_when_absent() {
    // GIVEN one rule with an action_key and one without
    String json = """
        {"version": "t1", "models": {"boiler-gb24": {"rules": [
          {"id": "a", "kind": "no_data", "summary": "s", "summary_key": "device_offline", "action_key": "check_power",
           "action": "x"},
          {"id": "b", "kind": "no_data", "summary": "s", "summary_key": "device_offline", "action": "x"}]}}}
        """;
    // WHEN it is parsed THEN the first carries check_power and the second no customer action
    assertThat(loader.parse(json, "t").forModel("boiler-gb24")).extracting(RuleSpec::actionKey)
        .containsExactly("check_power", null);
  }

  @Test
  void rejects_text_that_is_not_json() {
    assertThatThrownBy(() -> loader.parse("models: []", "x.yaml")).isInstanceOf(RuleFileException.class)
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void rejects_bad_fleet_settings_and_detector_limits() {
    // GIVEN a fleet fraction above 1 and a no-data rule that would fire on one missed report
    String json = """
        {"version": "t1", "fleet": {"min_fraction": 1.5},
         "models": {"cpe-hr300": {"rules": [
           {"id": "n", "kind": "no_data", "intervals": 1, "summary": "s", "summary_key": "k", "action": "x"}]}}}
        """;
    // THEN both are reported
    assertThatThrownBy(() -> loader.parse(json, "t")).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("fleet:"))
            .anySatisfy(p -> assertThat(p).contains("intervals >= 2")));
  }

  @Test
  void seasonal_drift_lists_each_bad_setting_and_needs_a_sigma_floor() {
    // GIVEN a seasonal drift rule with three bad settings and one without min_sigma
    String json = """
        {"version": "t1", "models": {"cpe-hr300": {"rules": [
          {"id": "s1", "kind": "seasonal_drift", "metric": "cpu_temp_c", "direction": "above", "min_sigma": 0.3,
           "learning_days": 1, "decision": 5, "clear_below": 6, "clip": 0.5,
           "summary": "s", "summary_key": "k", "action": "x"},
          {"id": "s2", "kind": "seasonal_drift", "metric": "cpu_temp_c", "summary": "s", "summary_key": "k", "action": "x"}
        ]}}}
        """;
    // WHEN it is parsed THEN every one of them is named with its rule
    assertThatThrownBy(() -> loader.parse(json, "t")).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).contains("rules[0]").contains("learning_days must be in 2..28"),
            p -> assertThat(p).contains("rules[0]").contains("clear_below must be in [0, decision"),
            p -> assertThat(p).contains("rules[0]").contains("clip must be > allowance"),
            p -> assertThat(p).contains("rules[1]").contains("'min_sigma' is required")));
  }

  @Test
  void shipped_router_rules_watch_temperature_and_signal_against_the_daily_profile() {
    RuleSet rules = loader.loadDefault();
    assertThat(rules.forModel("cpe-hr300")).filteredOn(r -> r.detector() instanceof Detector.SeasonalDrift)
        .extracting(RuleSpec::metric).containsExactlyInAnyOrder("cpu_temp_c", "snr_db");
  }

  @Test
  void rejects_a_version_that_cannot_name_the_rule_set_in_a_path_with_the_other_problems() {
    // GIVEN a version with a slash and a space, and an unknown model
    String json = """
        {"version": "2026/12 draft", "models": {"toaster-9": {"rules": []}}}
        """;
    // WHEN it is parsed THEN both problems are named
    assertThatThrownBy(() -> loader.parse(json, "t")).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).contains("'version' must be 1-128 of").contains("2026/12 draft"),
            p -> assertThat(p).contains("unknown product model")));
  }

  @Test
  void the_shipped_file_compares_firmwares_on_its_fleet_seasonal_rules() {
    // WHEN the rules in the jar are loaded
    RuleSet rules = loader.loadDefault();
    // THEN the firmware comparison is declared with its documented settings
    CohortSettings cohort = rules.fleet().cohort();
    assertThat(cohort).isEqualTo(new CohortSettings(java.time.Duration.ofHours(1), 2, 12, 2, 6, 10, 10,
        java.time.Duration.ofHours(6), java.time.Duration.ofHours(6)));
    // AND it is fed by the boilers' flame signal and the routers' temperature, each with a bad side
    assertThat(rules.rulesByModel().values().stream().flatMap(java.util.List::stream).filter(RuleSpec::feedsCohort))
        .extracting(RuleSpec::qualifiedId, r -> r.detector().direction())
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("boiler-gb24/flame_signal_drift",
            io.forewarn.rules.detection.Direction.BELOW),
            org.assertj.core.groups.Tuple.tuple("cpe-hr300/cpu_drift",
                io.forewarn.rules.detection.Direction.ABOVE));
  }

  @Test
  void lists_every_problem_of_a_cohort_block_and_of_the_rules_feeding_it() {
    // GIVEN a cohort block with a one-minute bucket, a negative allowance, clear_below above the decision and
    // too small a minimum cohort, fed by a fleet seasonal rule that watches both sides
    String json = """
        {"version": "t1", "fleet": {"cohort": {"bucket": "PT1M", "allowance": -1, "decision": 12, "clear_below": 20,
          "min_cohort": 3}},
         "models": {"boiler-gb24": {"rules": [
          {"id": "a", "kind": "seasonal_drift", "metric": "flame_signal_ua", "min_sigma": 0.5, "fleet": true,
           "summary": "s", "summary_key": "k", "action": "x"}]}}}
        """;
    // WHEN it is parsed THEN one exception names each problem with its place
    assertThatThrownBy(() -> loader.parse(json, "test.json"))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).startsWith("fleet.cohort: allowance must be >= 0"),
            p -> assertThat(p).startsWith("fleet.cohort: clear_below must be in [0, decision"),
            p -> assertThat(p).startsWith("fleet.cohort: min_cohort must be >= 5"),
            p -> assertThat(p).startsWith("fleet.cohort: bucket must be from PT5M to PT24H"),
            p -> assertThat(p).contains("rules[0]").contains("needs a 'direction'")));
  }

  @Test
  void a_cohort_block_needs_a_rule_to_feed_it_and_whole_device_counts() {
    // GIVEN a cohort block whose min_control is not a whole number, and no fleet seasonal rule
    String json = """
        {"version": "t1", "fleet": {"cohort": {"min_control": 7.5}}, "models": {"boiler-gb24": {"rules": [
          {"id": "a", "kind": "seasonal_drift", "metric": "flame_signal_ua", "min_sigma": 0.5, "direction": "below",
           "summary": "s", "summary_key": "k", "action": "x"}]}}}
        """;
    // WHEN it is parsed THEN both are reported
    assertThatThrownBy(() -> loader.parse(json, "test.json"))
        .isInstanceOfSatisfying(RuleFileException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
            p -> assertThat(p).startsWith("fleet.cohort: 'min_control' must be a whole number"),
            p -> assertThat(p).startsWith("fleet.cohort: no rule feeds it")));
  }

  @Test
  void without_a_cohort_block_there_is_no_firmware_comparison() {
    // GIVEN a fleet block without cohort WHEN parsed THEN it has none, and its rules need no direction
    RuleSet rules = loader.parse("""
        {"version": "t1", "fleet": {"min_devices": 4}, "models": {"boiler-gb24": {"rules": [
          {"id": "a", "kind": "seasonal_drift", "metric": "flame_signal_ua", "min_sigma": 0.5, "fleet": true,
           "summary": "s", "summary_key": "k", "action": "x"}]}}}
        """, "test.json");
    assertThat(rules.fleet().cohort()).isNull();
  }
}
