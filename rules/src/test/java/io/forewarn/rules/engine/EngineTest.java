package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.EngineFixture.MIN;
import static io.forewarn.rules.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
  private final EngineFixture f = new EngineFixture(1);

  @Test
  void threshold_fires_once_the_breach_lasted_its_for_duration() {
    // GIVEN a healthy hour, then pressure below 0.8 bar
    f.run(1, T0, 6, 1.4);
    f.run(1, T0 + 60 * MIN, 4, 0.75);
    // THEN it fires 30 minutes after the breach began, with evidence and plain words
    List<Transition> opened = f.of(Transition.Type.OPENED, "pressure_low");
    assertThat(opened).hasSize(1);
    Incident i = opened.getFirst().incident();
    assertThat(i.openedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60 * MIN));
    assertThat(i.firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 90 * MIN));
    assertThat(i.summary()).isEqualTo("Boiler gb-1: pressure 0.75 bar");
    assertThat(i.customerId()).isEqualTo(101L);
    assertThat(i.severity()).isEqualTo("high");
    assertThat(i.details()).containsEntry("suggested_action", "top up").containsKey("recent");
    // AND the notifier gets the phrase-book keys: the problem and what the customer can do
    assertThat(i.summaryKey()).isEqualTo("pressure_dropping");
    assertThat(i.details()).containsEntry("action_key", "top_up_pressure");
    assertThat(opened.getFirst().tell()).isTrue();
  }

  @Test
  void a_breach_shorter_than_for_never_opens_an_incident() {
    // GIVEN a 20-minute dip between healthy readings
    f.run(1, T0, 6, 1.4);
    f.run(1, T0 + 60 * MIN, 2, 0.75);
    f.run(1, T0 + 80 * MIN, 12, 1.4);
    // THEN nothing opened
    assertThat(f.log).isEmpty();
  }

  @Test
  void for_duration_runs_out_on_the_clock_without_a_new_sample() {
    // GIVEN a breach at t and only clock ticks afterwards (the next report is not due yet)
    f.run(1, T0, 6, 1.4);
    f.sample(1, T0 + 60 * MIN, 0.7);
    f.sample(1, T0 + 70 * MIN, 0.7);
    f.tick(T0 + 85 * MIN);
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).isEmpty();
    // WHEN the clock passes t + 30 min
    f.tick(T0 + 90 * MIN);
    // THEN it fires on that tick
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).singleElement()
        .satisfies(t -> assertThat(t.incident().firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 90 * MIN)));
  }

  @Test
  void clears_only_after_clear_level_held_for_clear_duration_and_min_firing() {
    // GIVEN a firing incident
    f.run(1, T0, 6, 0.7);
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).hasSize(1);
    // WHEN pressure hovers between trigger and clear level (0.8 .. 0.95) for two hours
    f.run(1, T0 + 60 * MIN, 12, 0.9);
    // THEN it stays open (hysteresis)
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).isEmpty();
    // WHEN it is back above 0.95 for an hour
    f.run(1, T0 + 180 * MIN, 8, 1.3);
    // THEN it resolves, an hour after the recovery began
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).singleElement()
        .satisfies(t -> assertThat(t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 240 * MIN)));
  }

  @Test
  void a_value_flapping_around_the_trigger_opens_one_incident_not_many() {
    // GIVEN pressure alternating every report between 0.75 and 0.85 for a day after a long breach
    f.run(1, T0, 6, 0.7);
    for (int i = 0; i < 144; i++) {
      long ts = T0 + 60 * MIN + i * 10 * MIN;
      f.sample(1, ts, i % 2 == 0 ? 0.75 : 0.85);
      f.tick(ts + MIN);
    }
    // THEN exactly one incident, still open
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).hasSize(1);
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).isEmpty();
  }

  @Test
  void min_firing_keeps_a_short_incident_open() {
    // GIVEN an incident that fired, then data clear at once
    f.run(1, T0, 4, 0.7);
    f.run(1, T0 + 40 * MIN, 7, 1.3);
    // THEN clear_for (1 h) passed but min_firing (2 h) did not: still open
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).isEmpty();
    f.run(1, T0 + 110 * MIN, 6, 1.3);
    assertThat(f.of(Transition.Type.RESOLVED, "pressure_low")).hasSize(1);
  }

  @Test
  void no_data_fires_on_the_clock_and_resolves_when_reports_return() {
    // GIVEN a device reporting every 10 minutes, then silent
    f.run(1, T0, 6, 1.4);
    long last = T0 + 50 * MIN;
    f.tick(last + 25 * MIN);
    assertThat(f.of(Transition.Type.OPENED, "no_data")).isEmpty();
    // WHEN more than 3 intervals pass with ticks only
    f.tick(last + 31 * MIN);
    // THEN no-data fires on the tick, held back for the correlation window before the notifier hears
    assertThat(f.of(Transition.Type.OPENED, "no_data")).singleElement().satisfies(t -> {
      assertThat(t.tell()).isFalse();
      assertThat(t.incident().summary()).isEqualTo("Boiler gb-1 silent for 31 minutes");
    });
    f.tick(last + 61 * MIN);
    assertThat(f.of(Transition.Type.RELEASED, "no_data")).singleElement().satisfies(t -> assertThat(t.tell()).isTrue());
    // WHEN it reports again
    f.run(1, last + 90 * MIN, 2, 1.4);
    assertThat(f.of(Transition.Type.RESOLVED, "no_data")).hasSize(1);
  }

  @Test
  void offline_status_fires_no_data_at_once() {
    f.run(1, T0, 3, 1.4);
    f.engine.onStatus(1, T0 + 25 * MIN, false).forEach(f.log::add);
    assertThat(f.of(Transition.Type.OPENED, "no_data")).hasSize(1);
  }

  @Test
  void counter_increase_fires_and_resets_are_not_increases() {
    // GIVEN a counter that jumps by 3 within an hour
    for (int i = 0; i < 6; i++) {
      f.sample(1, T0 + i * 10 * MIN, Map.of("flame_failures", i < 3 ? 10.0 : 13.0));
    }
    assertThat(f.of(Transition.Type.OPENED, "flame")).singleElement()
        .satisfies(t -> assertThat(t.incident().details()).containsEntry("observed", 3.0));
    // AND a counter reset (board replaced) to 0 is not an increase
    EngineFixture g = new EngineFixture(1);
    g.sample(1, T0, Map.of("flame_failures", 50.0));
    g.sample(1, T0 + 10 * MIN, Map.of("flame_failures", 0.0));
    g.sample(1, T0 + 20 * MIN, Map.of("flame_failures", 1.0));
    assertThat(g.of(Transition.Type.OPENED, "flame")).isEmpty();
  }

  @Test
  void forecast_incident_carries_the_predicted_failure_time() {
    // GIVEN flow temperature rising 2 °C per hour from 60 °C (limit 88: about 14 h away at start)
    for (int i = 0; i < 60; i++) {
      long ts = T0 + i * 10 * MIN;
      f.sample(1, ts, Map.of("flow_temp_c", 60.0 + 2.0 * i / 6.0));
    }
    // THEN it fires once the crossing is due within 12 h, with predicted_failure_at near the true crossing
    Incident i = f.of(Transition.Type.OPENED, "pressure_forecast").getFirst().incident();
    Instant trueCrossing = Instant.ofEpochMilli(T0 + 14 * 60 * MIN);
    assertThat(i.predictedFailureAt()).isBetween(trueCrossing.minusSeconds(1800), trueCrossing.plusSeconds(1800));
    assertThat(i.summary()).startsWith("Boiler gb-1 overheats in about");
  }

  @Test
  void late_samples_are_skipped_and_counted() {
    f.run(1, T0, 3, 1.4);
    f.sample(1, T0 + 5 * MIN, 0.1);
    assertThat(f.engine.stats().lateSamples()).isEqualTo(1);
    assertThat(f.log).isEmpty();
  }

  @Test
  void restored_state_continues_where_it_stopped() {
    // GIVEN a breach that started 20 minutes before a restart
    f.run(1, T0, 6, 1.4);
    f.run(1, T0 + 60 * MIN, 3, 0.7);
    var state = f.engine.drainDirtyState().get(1);
    EngineFixture restarted = new EngineFixture(1);
    state.forEach((rule, bytes) -> restarted.engine.restoreState(1, rule, bytes));
    // WHEN the breach goes on after the restart
    restarted.run(1, T0 + 90 * MIN, 1, 0.7);
    // THEN it fires 30 minutes after the breach began, not 30 minutes after the restart
    assertThat(restarted.of(Transition.Type.OPENED, "pressure_low")).singleElement()
        .satisfies(t -> assertThat(t.incident().openedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60 * MIN)));
  }

  @Test
  void maintenance_window_suppresses_then_releases() {
    // GIVEN a maintenance window over the device's region for two hours
    Instant end = Instant.ofEpochMilli(T0 + 120 * MIN);
    f.engine.setSuppressions(List.of(new Suppression(1, "region", "north", Instant.ofEpochMilli(T0), end)));
    // WHEN pressure is low throughout
    f.run(1, T0, 18, 0.7);
    // THEN the incident opened silently and was announced when the window ended
    assertThat(f.of(Transition.Type.OPENED, "pressure_low")).singleElement().satisfies(t -> {
      assertThat(t.tell()).isFalse();
      assertThat(t.incident().suppressedUntil()).isEqualTo(end);
    });
    assertThat(f.of(Transition.Type.RELEASED, "pressure_low")).singleElement().satisfies(t -> {
      assertThat(t.tell()).isTrue();
      assertThat(t.incident().suppressedUntil()).isNull();
    });
  }
}
