package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.EngineFixture.MIN;
import static io.forewarn.rules.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Swapping rule sets between cycles: what carries over, what starts afresh, what is resolved. */
class EngineReloadTest {
  private static final String PRESSURE = "boiler-gb24/pressure_low";
  private final EngineFixture f = new EngineFixture(1);

  private static RuleSet rules(String json) {
    return new RuleFileLoader(ProductCatalog.standard()).parse(json, "test");
  }

  /** The fixture's rules as version test-2, each {@code from, to} pair of texts replaced. */
  private static RuleSet changed(String... fromTo) {
    String json = EngineFixture.RULES.replace("\"test-1\"", "\"test-2\"");
    for (int i = 0; i < fromTo.length; i += 2) {
      assertThat(json).contains(fromTo[i]);
      json = json.replace(fromTo[i], fromTo[i + 1]);
    }
    return rules(json);
  }

  /** One 10-minute report with a tick a minute later. */
  private void report(long ts, double pressure, double flameFailures) {
    f.sample(1, ts, Map.of("pressure_bar", pressure, "flow_temp_c", 60.0, "flame_failures", flameFailures));
    f.tick(ts + MIN);
  }

  @Test
  void unchanged_rules_keep_their_detector_state_and_pending_conditions_across_a_swap() {
    // GIVEN a healthy hour, then 20 minutes of low pressure (pending) while the flame counter goes 10 -> 12
    for (int i = 0; i < 6; i++) {
      report(T0 + i * 10 * MIN, 1.4, 10);
    }
    report(T0 + 60 * MIN, 0.7, 10);
    report(T0 + 70 * MIN, 0.7, 12);
    // WHEN a rule set that changes only the flame rule's words and the pressure rule's severity is swapped in
    List<Transition> swap = f.engine.reload(changed("{value} flame failures", "{value} ignition failures",
        "\"min_firing\": \"PT2H\", \"severity\": \"high\"", "\"min_firing\": \"PT2H\", \"severity\": \"critical\""),
        T0 + 75 * MIN);
    assertThat(swap).isEmpty();
    // AND the data goes on: the counter reaches 13 (+3 within the hour), the pressure stays low
    report(T0 + 80 * MIN, 0.7, 13);
    report(T0 + 90 * MIN, 0.7, 13);
    // THEN the flame rule fired on the window it had before the swap, in the new words
    assertThat(f.of(Transition.Type.OPENED, "flame")).singleElement().satisfies(t -> {
      assertThat(t.incident().firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 80 * MIN));
      assertThat(t.incident().summary()).isEqualTo("Boiler gb-1: 3.0 ignition failures");
    });
    // AND the pressure rule fired 30 minutes after the breach began before the swap, not after the swap
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).singleElement().satisfies(t -> {
      assertThat(t.incident().openedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60 * MIN));
      assertThat(t.incident().firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 90 * MIN));
      // AND the new incidents carry the new version and severity
      assertThat(t.incident().details()).containsEntry("rules_version", "test-2");
      assertThat(t.incident().severity()).isEqualTo("critical");
    });
  }

  @Test
  void a_rule_whose_detector_changed_keeps_its_open_incident_and_judges_afresh() {
    // GIVEN a firing low-pressure incident
    f.run(1, T0, 6, 0.7);
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).hasSize(1);
    // WHEN its trigger moves from 0.8 to 0.6 bar
    assertThat(f.engine.reload(changed("\"trigger\": 0.8", "\"trigger\": 0.6"), T0 + 55 * MIN)).isEmpty();
    // AND the pressure sits at 0.7 (not breaching any more, not yet clear) for three hours
    f.run(1, T0 + 60 * MIN, 18, 0.7);
    // THEN the same incident stays open: not resolved, not opened again
    assertThat(f.engine.openIncidents()).containsKey("device:1:" + PRESSURE);
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).hasSize(1);
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).isEmpty();
    // WHEN it is clear for an hour THEN it resolves under the new definition
    f.run(1, T0 + 240 * MIN, 8, 1.3);
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).singleElement()
        .satisfies(t -> assertThat(t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 300 * MIN)));
  }

  @Test
  void open_incidents_of_a_removed_rule_are_resolved_and_told_with_the_reason() {
    // GIVEN a firing low-pressure incident
    f.run(1, T0, 6, 0.7);
    // WHEN a rule set without the pressure rule is swapped in
    RuleSet without = rules(EngineFixture.RULES.replace("\"test-1\"", "\"test-2\"")
        .replace("\"id\": \"pressure_low\"", "\"id\": \"pressure_very_low\"")
        .replace("\"trigger\": 0.8", "\"trigger\": 0.5"));
    List<Transition> swap = f.engine.reload(without, T0 + 65 * MIN);
    // THEN its incident resolves at the swap, told like any resolution, saying why
    assertThat(swap).singleElement().satisfies(t -> {
      assertThat(t.type()).isEqualTo(Transition.Type.RESOLVED);
      assertThat(t.incident().ruleId()).isEqualTo(PRESSURE);
      assertThat(t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 65 * MIN));
      assertThat(t.reason()).isEqualTo(Transition.RULE_REMOVED);
      assertThat(t.tell()).isTrue();
    });
    assertThat(f.engine.openIncidents()).isEmpty();
    // AND the rule that took its place judges from scratch: 0.7 bar is no breach of 0.5
    f.log.clear();
    f.run(1, T0 + 70 * MIN, 12, 0.7);
    assertThat(f.log).isEmpty();
  }

  @Test
  void stored_state_of_a_changed_definition_restores_only_the_incident_machine() {
    // GIVEN the state of a device whose pressure incident fires, written under version 1
    f.run(1, T0, 6, 0.7);
    Map<String, byte[]> state = f.engine.drainDirtyState().get(1);
    // WHEN an engine with the trigger moved to 0.6 restores it (a restart after a swap)
    Engine restarted = new Engine(changed("\"trigger\": 0.8", "\"trigger\": 0.6"), ProductCatalog.standard(),
        List.of(EngineFixture.device(1)));
    state.forEach((rule, bytes) -> restarted.restoreState(1, rule, bytes));
    restarted.restoreOpen(f.engine.openIncidents().values());
    // THEN it behaves like the swapped engine: the incident stays open at 0.7 bar, and resolves once clear
    for (int i = 0; i < 18; i++) {
      assertThat(restarted.onSample(1, T0 + (60 + 10 * i) * MIN, Map.of("pressure_bar", 0.7))).isEmpty();
    }
    List<Transition> clear = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      clear.addAll(restarted.onSample(1, T0 + (240 + 10 * i) * MIN, Map.of("pressure_bar", 1.3)));
    }
    assertThat(clear).extracting(Transition::type).containsExactly(Transition.Type.RESOLVED);
  }

  @Test
  void state_written_before_definitions_were_recorded_is_taken_as_the_current_rules() {
    // GIVEN 20 minutes of low pressure (pending), stored in the layout without a definition (v1)
    f.run(1, T0, 6, 1.4);
    f.run(1, T0 + 60 * MIN, 2, 0.7);
    Map<String, byte[]> state = f.engine.drainDirtyState().get(1);
    byte[] v3 = state.get(PRESSURE); // header, definition, ..., then the cohort share flag (v3)
    byte[] v1 = new byte[v3.length - 12];
    System.arraycopy(v3, 0, v1, 0, 8);
    System.arraycopy(v3, 16, v1, 8, v3.length - 20);
    ByteBuffer.wrap(v1).putInt(4, 1);
    assertThat(Arrays.equals(v1, v3)).isFalse();
    // WHEN an engine with the same rules restores it THEN the pending condition goes on and fires 30 minutes
    // after it began
    restoredPendingFiresOnTime(state, v1);
  }

  @Test
  void state_written_before_cohort_shares_were_recorded_is_read_as_it_was() {
    // GIVEN 20 minutes of low pressure (pending), stored in the layout before cohort shares (v2: no share flag)
    f.run(1, T0, 6, 1.4);
    f.run(1, T0 + 60 * MIN, 2, 0.7);
    Map<String, byte[]> state = f.engine.drainDirtyState().get(1);
    byte[] v3 = state.get(PRESSURE);
    byte[] v2 = Arrays.copyOf(v3, v3.length - 4);
    ByteBuffer.wrap(v2).putInt(4, 2);
    // WHEN an engine with the same rules restores it THEN the pending condition goes on and fires 30 minutes
    // after it began
    restoredPendingFiresOnTime(state, v2);
  }

  /** An engine restored from {@code state}, the pressure rule's replaced by {@code pressure}, fires on time. */
  private void restoredPendingFiresOnTime(Map<String, byte[]> state, byte[] pressure) {
    Engine restarted = new Engine(rules(EngineFixture.RULES), ProductCatalog.standard(),
        List.of(EngineFixture.device(1)));
    state.forEach((rule, bytes) -> restarted.restoreState(1, rule, rule.equals(PRESSURE) ? pressure : bytes));
    restarted.onSample(1, T0 + 80 * MIN, Map.of("pressure_bar", 0.7));
    assertThat(restarted.onSample(1, T0 + 90 * MIN, Map.of("pressure_bar", 0.7)))
        .filteredOn(t -> t.type() == Transition.Type.OPENED).singleElement()
        .satisfies(t -> assertThat(t.incident().openedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60 * MIN)));
  }
}
