package io.forewarn.rules.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.engine.DeviceInfo;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.engine.Transition;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tick time a pipeline cycle uses, driven against a real engine with the shipped rules: two boilers
 * (10-minute reports, no_data after 4 missed) whose data runs six hours behind the wall clock, as the
 * accelerated simulator's does at start. Cycles alternate between reading a batch and reading nothing.
 */
class EvaluationClockTest {
  private static final long MIN = 60_000;
  private static final Instant WALL = Instant.parse("2026-12-01T12:00:00Z");
  private static final long DATA_START = WALL.toEpochMilli() - 6 * 60 * MIN;

  private final Engine engine = new Engine(new RuleFileLoader(ProductCatalog.standard()).loadDefault(),
      ProductCatalog.standard(), List.of(boiler(1), boiler(2)));
  private final List<Transition> log = new ArrayList<>();

  private static DeviceInfo boiler(int id) {
    return new DeviceInfo(id, "gb-" + id, 100L + id, "boiler-gb24", "1.0", "north", "north-1");
  }

  /** One report per device every 10 data minutes; after each, a cycle with the batch and two without. */
  private void feed(EvaluationClock clock, long from, int reports, int... devices) {
    for (int i = 0; i < reports; i++) {
      long ts = from + i * 10 * MIN;
      for (int d : devices) {
        log.addAll(engine.onSample(d, ts + d * 1000, Map.of("pressure_bar", 1.4)));
      }
      cycle(clock, true);
      cycle(clock, false);
      cycle(clock, false);
    }
  }

  private void cycle(EvaluationClock clock, boolean readData) {
    long tick = clock.tickTime(WALL, engine.latestSampleTs(), readData);
    if (tick != EvaluationClock.NO_TICK) {
      log.addAll(engine.tick(tick));
    }
  }

  private List<String> silentDevices() {
    return log.stream().filter(t -> t.type() == Transition.Type.OPENED && t.incident().ruleId().endsWith("/no_data"))
        .map(t -> t.incident().scopeValue()).toList();
  }

  @Test
  void in_data_mode_a_fleet_hours_behind_the_wall_clock_is_not_silent() {
    // GIVEN both boilers reporting for two hours of data time that ends four hours before the wall clock
    feed(new EvaluationClock(EvaluationClock.Mode.DATA), DATA_START, 12, 1, 2);
    // THEN no device is judged silent
    assertThat(silentDevices()).isEmpty();
  }

  @Test
  void in_wall_mode_the_same_fleet_looks_silent_which_is_why_the_demo_needs_data_mode() {
    // GIVEN the same feed judged by the wall clock between batches
    feed(new EvaluationClock(EvaluationClock.Mode.WALL), DATA_START, 12, 1, 2);
    // THEN every device looks silent: the false incidents of the demo
    assertThat(silentDevices()).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void in_data_mode_a_device_whose_own_data_stops_is_silent_while_the_others_move_on() {
    // GIVEN both reporting for an hour, then only boiler 2 for two more hours of data time
    EvaluationClock clock = new EvaluationClock(EvaluationClock.Mode.DATA);
    feed(clock, DATA_START, 6, 1, 2);
    feed(clock, DATA_START + 60 * MIN, 12, 2);
    // THEN boiler 1 is silent and boiler 2 is not
    assertThat(silentDevices()).containsExactly("1");
  }

  @Test
  void data_time_never_moves_backwards_and_there_is_no_tick_before_any_data() {
    EvaluationClock clock = new EvaluationClock(EvaluationClock.Mode.DATA);
    // GIVEN no sample yet THEN no tick
    assertThat(clock.tickTime(WALL, Long.MIN_VALUE, false)).isEqualTo(EvaluationClock.NO_TICK);
    // WHEN the engine's newest sample goes back (a rebuilt engine) THEN the tick keeps the watermark
    assertThat(clock.tickTime(WALL, DATA_START + 60 * MIN, true)).isEqualTo(DATA_START + 60 * MIN);
    assertThat(clock.tickTime(WALL, DATA_START, true)).isEqualTo(DATA_START + 60 * MIN);
    assertThat(clock.tickTime(WALL, Long.MIN_VALUE, false)).isEqualTo(DATA_START + 60 * MIN);
  }
}
