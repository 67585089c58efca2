package io.forewarn.rules.engine;

import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small boiler rule set and helpers to drive an engine in simulated time (10-minute reports). */
final class EngineFixture {
  static final long MIN = 60_000;
  static final long T0 = 1_700_000_000_000L;
  static final String RULES = """
      {"version": "test-1", "fleet": {"window": "PT30M", "min_devices": 3, "min_fraction": 0.5, "resolve_below": 0.2},
       "models": {"boiler-gb24": {"rules": [
         {"id": "pressure_low", "kind": "threshold", "metric": "pressure_bar", "direction": "below", "trigger": 0.8,
          "clear": 0.95, "for": "PT30M", "clear_for": "PT1H", "min_firing": "PT2H", "severity": "high",
          "summary": "Boiler {device}: pressure {value} bar", "summary_key": "pressure_dropping", "action_key": "top_up_pressure", "action": "top up"},
         {"id": "flame", "kind": "increase", "metric": "flame_failures", "trigger": 3, "clear": 0, "window": "PT1H",
          "summary": "Boiler {device}: {value} flame failures", "summary_key": "ignition_failing", "action": "service"},
         {"id": "pressure_forecast", "kind": "forecast", "metric": "flow_temp_c", "direction": "above", "limit": 88,
          "horizon": "PT12H", "window": "PT6H", "min_coverage": "PT2H", "for": "PT0S",
          "summary": "Boiler {device} overheats {eta}", "summary_key": "overheating", "action": "engineer"},
         {"id": "no_data", "kind": "no_data", "intervals": 3, "min_firing": "PT10M", "severity": "high",
          "summary": "Boiler {device} silent for {silence}", "summary_key": "device_offline", "action": "call"}
       ]}}}
      """;

  final Engine engine;
  final List<Transition> log = new ArrayList<>();

  EngineFixture(int devices) {
    this(devices, RULES);
  }

  /** With a rule file of the test's own (boiler-gb24 rules, 10-minute reports). */
  EngineFixture(int devices, String ruleFile) {
    RuleSet rules = new RuleFileLoader(ProductCatalog.standard()).parse(ruleFile, "test");
    List<DeviceInfo> fleet = new ArrayList<>();
    for (int i = 1; i <= devices; i++) {
      fleet.add(device(i));
    }
    engine = new Engine(rules, ProductCatalog.standard(), fleet);
  }

  static DeviceInfo device(int id) {
    return new DeviceInfo(id, "gb-" + id, 100L + id, "boiler-gb24", "1.0", "north", "north-" + (id % 2));
  }

  List<Transition> sample(int device, long ts, double pressure) {
    return sample(device, ts, Map.of("pressure_bar", pressure, "flow_temp_c", 60.0, "flame_failures", 0.0));
  }

  List<Transition> sample(int device, long ts, Map<String, Double> values) {
    List<Transition> t = engine.onSample(device, ts, values);
    log.addAll(t);
    return t;
  }

  List<Transition> tick(long ts) {
    List<Transition> t = engine.tick(ts);
    log.addAll(t);
    return t;
  }

  /** Samples every 10 minutes from {@code from} for {@code count} reports, with a tick after each. */
  void run(int device, long from, int count, double pressure) {
    for (int i = 0; i < count; i++) {
      sample(device, from + i * 10 * MIN, pressure);
      tick(from + i * 10 * MIN + MIN);
    }
  }

  List<Transition> of(Transition.Type type, String ruleSuffix) {
    return log.stream().filter(t -> t.type() == type && t.incident().ruleId().endsWith(ruleSuffix)).toList();
  }
}
