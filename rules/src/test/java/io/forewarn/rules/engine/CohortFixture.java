package io.forewarn.rules.engine;

import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import io.forewarn.rules.ruleset.RuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Boilers of three firmwares, twelve each, reporting their flame signal every 15 minutes in simulated
 * time, judged by one seasonal fleet rule (two learning days) and the shipped firmware comparison settings.
 * A healthy boiler has its own level (4-8 µA), a daily swing with the load and 0.15 µA of noise.
 */
final class CohortFixture {
  static final long MIN = 60_000;
  static final long HOUR = 60 * MIN;
  static final long STEP = 15 * MIN;
  /** A Monday: weekday slots learn on Monday and Tuesday, residuals count from Wednesday. */
  static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
  static final List<String> FIRMWARES = List.of("1.8.4", "1.9.0", "1.9.2");
  static final String FAULTY = "1.9.2";
  static final String FAULTY_KEY = "firmware:boiler-gb24@1.9.2";
  static final int PER_FIRMWARE = 12;
  static final String RULES = """
      {"version": "cohort-test", "fleet": {"window": "PT30M", "min_devices": 5, "min_fraction": 0.2,
         "resolve_below": 0.1, "cohort": {"bucket": "PT1H", "min_cohort": 10, "min_control": 10, "allowance": 2,
         "decision": 12, "clear_below": 2, "clip": 6, "clear_for": "PT6H", "min_firing": "PT6H"}},
       "models": {"boiler-gb24": {"rules": [
         {"id": "flame_signal_drift", "kind": "seasonal_drift", "metric": "flame_signal_ua", "direction": "below",
          "min_sigma": 0.5, "learning_days": 2, "for": "PT1H", "clear_for": "PT6H", "min_firing": "PT6H",
          "severity": "warning", "fleet": true, "summary": "Boiler {device}: weak flame", "summary_key": "flame_weakening",
          "action": "service the electrode"}]}}}
      """;

  final RuleSet rules;
  final List<DeviceInfo> fleet = new ArrayList<>();
  final Engine engine;
  final List<Transition> log = new ArrayList<>();
  /** A second engine fed the very same samples and ticks (a restored one), and what it returned. */
  Engine twin;
  final List<Transition> twinLog = new ArrayList<>();
  private final double[] level;
  private final Random noise = new Random(11);

  CohortFixture() {
    this(RULES);
  }

  CohortFixture(String ruleFile) {
    rules = new RuleFileLoader(ProductCatalog.standard()).parse(ruleFile, "test");
    for (int f = 0; f < FIRMWARES.size(); f++) {
      for (int i = 1; i <= PER_FIRMWARE; i++) {
        int id = f * PER_FIRMWARE + i;
        // One customer per device, but the faulty firmware's last two boilers (35, 36) are one household's,
        // which must be told once.
        long customer = id == 36 ? 135L : 100L + id;
        fleet.add(new DeviceInfo(id, "gb-" + id, customer, "boiler-gb24", FIRMWARES.get(f), "north", "n" + (id % 3)));
      }
    }
    level = new double[fleet.size() + 1];
    Random traits = new Random(3);
    for (int id = 1; id <= fleet.size(); id++) {
      level[id] = 4 + 4 * traits.nextDouble();
    }
    engine = new Engine(rules, ProductCatalog.standard(), fleet);
  }

  RuleSpec rule() {
    return rules.forModel("boiler-gb24").getFirst();
  }

  static boolean faulty(DeviceInfo d) {
    return FAULTY.equals(d.firmware());
  }

  /** A healthy boiler's flame signal at {@code ts}: its level, 10 % lower at night (less load), noise. */
  double healthy(int id, long ts) {
    double hour = Math.floorMod(ts, 24 * HOUR) / (double) HOUR;
    return level[id] * (0.95 + 0.05 * Math.sin((hour - 9) / 24 * 2 * Math.PI)) + 0.15 * noise.nextGaussian();
  }

  /**
   * Every device reports every 15 minutes from {@code from} until {@code to} (each at its own phase): its
   * {@link #healthy} flame signal plus what {@code offset} adds (NaN: it sends nothing). The engine ticks after
   * each round.
   */
  void run(long from, long to, Offset offset) {
    for (long t = from; t < to; t += STEP) {
      for (DeviceInfo d : fleet) {
        long ts = t + d.id() * 10_000L;
        double extra = offset.at(d, ts);
        if (!Double.isNaN(extra)) {
          Map<String, Double> sample = Map.of("flame_signal_ua", healthy(d.id(), ts) + extra);
          log.addAll(engine.onSample(d.id(), ts, sample));
          if (twin != null) {
            twinLog.addAll(twin.onSample(d.id(), ts, sample));
          }
        }
      }
      log.addAll(engine.tick(t + STEP - MIN));
      if (twin != null) {
        twinLog.addAll(twin.tick(t + STEP - MIN));
      }
    }
  }

  /** What is added to a device's healthy signal at a time (NaN: it sends nothing). */
  interface Offset {
    double at(DeviceInfo device, long ts);
  }

  /** The healthy fleet: nothing added. */
  static final Offset HEALTHY = (d, ts) -> 0;

  /** The faulty firmware's signal sinking {@code perHour} µA an hour from {@code onset}. */
  static Offset sinking(long onset, double perHour) {
    return (d, ts) -> faulty(d) && ts > onset ? -perHour * (ts - onset) / HOUR : 0;
  }

  List<Transition> disruptions(Transition.Type type) {
    return log.stream().filter(t -> t.type() == type && Incident.SERVICE_DISRUPTION.equals(t.incident().kind()))
        .toList();
  }

  /** The ids of the faulty firmware's devices. */
  List<Integer> faultyIds() {
    return fleet.stream().filter(CohortFixture::faulty).map(DeviceInfo::id).toList();
  }
}
