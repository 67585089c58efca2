package io.forewarn.rules.engine;

import static io.forewarn.rules.engine.EngineFixture.MIN;
import static io.forewarn.rules.engine.EngineFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * clear_for, min_firing and for of the {@code no_data} kind, in simulated time: a boiler that reports
 * every 10 minutes (silent after 3 intervals), clock ticks every 5 minutes while it is silent.
 */
class NoDataHysteresisTest {
  private static final String RULES = """
      {"version": "test-no-data", "fleet": {"window": "PT30M", "min_devices": 3, "min_fraction": 0.5, "resolve_below": 0.2},
       "models": {"boiler-gb24": {"rules": [
         {"id": "no_data", "kind": "no_data", "intervals": 3, "clear_for": "PT1H", "min_firing": "PT2H", "severity": "high",
          "summary": "Boiler {device} silent for {silence}", "summary_key": "device_offline", "action": "call"},
         {"id": "silent_for", "kind": "no_data", "intervals": 3, "for": "PT15M", "severity": "high",
          "summary": "Boiler {device} silent for {silence}", "summary_key": "device_offline", "action": "call"}
       ]}}}
      """;
  private static final long HOUR = 60 * MIN;

  private final EngineFixture f = new EngineFixture(1, RULES);

  /** Reports every 10 minutes in [from, to), a tick a minute after each. */
  private void reports(long from, long to) {
    f.run(1, from, (int) ((to - from + 10 * MIN - 1) / (10 * MIN)), 1.4);
  }

  /** Clock ticks every 5 minutes in (from, to]: the device sends nothing. */
  private void silence(long from, long to) {
    for (long t = from + 5 * MIN; t <= to; t += 5 * MIN) {
      f.tick(t);
    }
  }

  private void status(long ts, boolean online) {
    f.log.addAll(f.engine.onStatus(1, ts, online));
  }

  @Test
  void a_device_reporting_once_between_silences_keeps_one_incident() {
    // GIVEN a boiler that reported for an hour (last report at T0 + 50 min)
    reports(T0, T0 + HOUR);
    // WHEN for twelve hours it sends one report an hour and is silent in between (clear for the 30
    // minutes until it counts as silent again: shorter than clear_for)
    long last = T0 + 50 * MIN;
    for (int k = 0; k < 12; k++) {
      silence(last, last + HOUR - 5 * MIN);
      last += HOUR;
      reports(last, last + MIN);
    }
    // THEN one incident, opened at the first silence and still open: not one per report
    assertThat(f.of(Transition.Type.OPENED, "/no_data")).singleElement()
        .satisfies(t -> assertThat(t.incident().firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 50 * MIN + 35 * MIN)));
    assertThat(f.of(Transition.Type.RESOLVED, "/no_data")).isEmpty();
  }

  @Test
  void resolves_only_after_reports_continued_for_clear_for() {
    // GIVEN a boiler silent for two hours after its report at T0 + 50 min: the incident fired
    reports(T0, T0 + HOUR);
    silence(T0 + 50 * MIN, T0 + 3 * HOUR - 5 * MIN);
    assertThat(f.of(Transition.Type.OPENED, "/no_data")).hasSize(1);
    // WHEN it reports again every 10 minutes from T0 + 3 h
    reports(T0 + 3 * HOUR, T0 + 6 * HOUR);
    // THEN it resolves an hour (clear_for) after the reports came back, not at the first one
    assertThat(f.of(Transition.Type.RESOLVED, "/no_data")).singleElement()
        .satisfies(t -> assertThat(t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 4 * HOUR)));
  }

  @Test
  void an_incident_stays_open_for_min_firing_when_the_device_is_back_at_once() {
    // GIVEN an offline status (the broker's last will) at T0 + 60 min: the incident fires at once
    reports(T0, T0 + HOUR);
    status(T0 + 60 * MIN, false);
    assertThat(f.of(Transition.Type.OPENED, "/no_data")).singleElement()
        .satisfies(t -> assertThat(t.incident().firingAt()).isEqualTo(Instant.ofEpochMilli(T0 + 60 * MIN)));
    // WHEN it reports again ten minutes later and keeps reporting
    reports(T0 + 70 * MIN, T0 + 5 * HOUR);
    // THEN clear_for (1 h) ran out at T0 + 130 min, but it resolves only when min_firing (2 h) has
    assertThat(f.of(Transition.Type.RESOLVED, "/no_data")).singleElement()
        .satisfies(t -> assertThat(t.incident().resolvedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 180 * MIN)));
  }

  @Test
  void a_connection_going_offline_and_online_every_half_hour_opens_one_incident() {
    // GIVEN a boiler whose connection drops every 30 minutes for 10 minutes, for twelve hours:
    // offline status, then online status and two reports
    reports(T0, T0 + HOUR);
    for (long t = T0 + HOUR; t < T0 + 13 * HOUR; t += 30 * MIN) {
      status(t, false);
      silence(t, t + 10 * MIN);
      status(t + 10 * MIN, true);
      reports(t + 10 * MIN, t + 30 * MIN);
    }
    // THEN one incident for the whole flapping period, still open
    assertThat(f.of(Transition.Type.OPENED, "/no_data")).hasSize(1);
    assertThat(f.of(Transition.Type.RESOLVED, "/no_data")).isEmpty();
  }

  @Test
  void an_offline_blip_shorter_than_for_opens_nothing() {
    // GIVEN a boiler that reported for an hour
    reports(T0, T0 + HOUR);
    // WHEN it goes offline and is back online five minutes later, reporting again
    status(T0 + 60 * MIN, false);
    silence(T0 + 60 * MIN, T0 + 65 * MIN);
    status(T0 + 65 * MIN, true);
    reports(T0 + 70 * MIN, T0 + 3 * HOUR);
    // THEN the rule with for = 15 min never opened (the rule without for did, at once)
    assertThat(f.of(Transition.Type.OPENED, "/silent_for")).isEmpty();
    assertThat(f.of(Transition.Type.OPENED, "/no_data")).hasSize(1);
  }
}
