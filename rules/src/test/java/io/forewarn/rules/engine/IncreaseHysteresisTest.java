package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.EngineFixture.MIN;
import static io.forewarn.rules.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Hysteresis, clear_for, min_firing and for of the {@code increase} kind, in simulated time: a counter
 * reported every 10 minutes, a clock tick a minute after each report.
 */
class IncreaseHysteresisTest {
  private static final String RULES = """
      {"version": "test-increase", "fleet": {"window": "PT30M", "min_devices": 3, "min_fraction": 0.5, "resolve_below": 0.2},
       "models": {"boiler-gb24": {"rules": [
         {"id": "flame", "kind": "increase", "metric": "flame_failures", "trigger": 3, "clear": 0, "window": "PT1H",
          "clear_for": "PT2H", "min_firing": "PT6H", "severity": "warning",
          "summary": "Boiler {device}: {value} flame failures", "summary_key": "ignition_failing", "action": "service"},
         {"id": "storm", "kind": "increase", "metric": "burner_starts", "trigger": 3, "clear": 0, "window": "PT1H",
          "for": "PT2H", "clear_for": "PT2H", "min_firing": "PT6H", "severity": "warning",
          "summary": "Boiler {device}: {value} restarts", "summary_key": "restarting_repeatedly", "action": "service"}
       ]}}}
      """;
  private static final long HOUR = 60 * MIN;

  private final EngineFixture f = new EngineFixture(1, RULES);

  /** Reports {@code metric} every 10 minutes in [from, to), a tick a minute after each. */
  private void counter(String metric, long from, long to, LongToDoubleFunction value) {
    for (long ts = from; ts < to; ts += 10 * MIN) {
      f.sample(1, ts, Map.of(metric, value.applyAsDouble(ts)));
      f.tick(ts + MIN);
    }
  }

  /** Failures that happened at or before {@code ts}: one at each of the given instants. */
  private static double failuresBy(long ts, long... at) {
    int n = 0;
    for (long t : at) {
      n += t <= ts ? 1 : 0;
    }
    return n;
  }

  @Test
  void an_increase_between_clear_and_trigger_keeps_the_incident_firing() {
    // GIVEN three flame failures within 20 minutes: the incident fires
    long burstEnd = T0 + 60 * MIN;
    counter("flame_failures", T0, burstEnd, ts -> failuresBy(ts, T0 + 40 * MIN, T0 + 50 * MIN, T0 + 50 * MIN));
    assertThat(f.of(Transition.Type.OPENED, "flame")).hasSize(1);
    // WHEN for ten hours one more failure comes every 50 minutes (1 or 2 within any hour: above clear,
    // below trigger)
    long slowEnd = burstEnd + 10 * HOUR;
    counter("flame_failures", burstEnd, slowEnd, ts -> 3 + Math.floorDiv(ts - burstEnd, 50 * MIN) + 1);
    // THEN it stays firing, long past min_firing
    assertThat(f.of(Transition.Type.RESOLVED, "flame")).isEmpty();
    // WHEN the failures stop (the last one came at slowEnd - 10 min)
    double last = 3 + Math.floorDiv(slowEnd - 10 * MIN - burstEnd, 50 * MIN) + 1;
    counter("flame_failures", slowEnd, slowEnd + 5 * HOUR, ts -> last);
    // THEN it resolves once the hour holds no failure (clear, an hour after the last one) and that
    // lasted clear_for (2 h)
    long lastFailure = burstEnd + Math.floorDiv(slowEnd - 10 * MIN - burstEnd, 50 * MIN) * 50 * MIN;
    assertThat(f.of(Transition.Type.RESOLVED, "flame")).singleElement().satisfies(t -> assertThat(
        t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(lastFailure + HOUR + 2 * HOUR)));
    assertThat(f.of(Transition.Type.OPENED, "flame")).hasSize(1);
  }

  @Test
  void bursts_that_clear_for_less_than_clear_for_open_one_incident_not_many() {
    // GIVEN a burst of three flame failures every 2 h 50 min for a day: after each, the hour holds no
    // failure for 1 h 50 min before the next burst, shorter than clear_for (2 h)
    long period = 170 * MIN;
    // WHEN it is evaluated report by report
    counter("flame_failures", T0, T0 + 24 * HOUR, ts -> 3.0 * (Math.floorDiv(ts - T0, period) + 1));
    // THEN one incident, still open: not one per burst
    assertThat(f.of(Transition.Type.OPENED, "flame")).hasSize(1);
    assertThat(f.of(Transition.Type.RESOLVED, "flame")).isEmpty();
  }

  @Test
  void a_single_burst_stays_open_for_min_firing() {
    // GIVEN one burst of three flame failures, then none for a day
    counter("flame_failures", T0, T0 + 24 * HOUR, ts -> ts >= T0 + 30 * MIN ? 3 : 0);
    // THEN it fired at the burst; the hour was clear again an hour later and clear_for (2 h) ran out
    // three hours after the burst, but it resolves only when min_firing (6 h) has passed
    Incident opened = f.of(Transition.Type.OPENED, "flame").getFirst().incident();
    assertThat(opened.firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 30 * MIN));
    assertThat(f.of(Transition.Type.RESOLVED, "flame")).singleElement().satisfies(
        t -> assertThat(t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 30 * MIN + 6 * HOUR)));
  }

  @Test
  void an_increase_must_last_its_for_duration_before_it_fires() {
    // GIVEN restarts: one burst of three (in the window for one hour, shorter than for = 2 h), then
    // an hour of quiet, then three an hour for four hours
    long storm = T0 + 3 * HOUR;
    counter("burner_starts", T0, storm + 4 * HOUR, ts -> {
      double burst = ts >= T0 + 30 * MIN ? 3 : 0;
      return burst + (ts < storm ? 0 : 3.0 * (ts - storm) / HOUR);
    });
    // THEN the burst alone opened nothing; the storm fired once it had lasted two hours
    assertThat(f.of(Transition.Type.OPENED, "storm")).singleElement().satisfies(t -> {
      assertThat(t.incident().firingAt()).isAfterOrEqualTo(Instant.ofEpochMilli(t.incident().openedAt().toEpochMilli()
          + 2 * HOUR));
      assertThat(t.incident().openedAt()).isAfterOrEqualTo(Instant.ofEpochMilli(storm));
    });
  }
}
