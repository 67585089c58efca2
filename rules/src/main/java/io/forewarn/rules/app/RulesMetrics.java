package io.forewarn.rules.app;

import io.forewarn.rules.engine.EngineStats;
import io.forewarn.rules.engine.Transition;
import io.forewarn.rules.store.RulesPipeline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/** Meters of the rules service; names in one place, tag values from enums. */
final class RulesMetrics {
  static final String POINTS = "forewarn.rules.points.evaluated";
  static final String LATE = "forewarn.rules.samples.late";
  static final String TRANSITIONS = "forewarn.rules.incidents.transitions";
  static final String LAG = "forewarn.rules.lag";
  static final String CYCLES = "forewarn.rules.cycles";

  private final Timer lag;
  private final MeterRegistry registry;

  RulesMetrics(MeterRegistry registry, EngineStats stats) {
    this.registry = registry;
    FunctionCounter.builder(POINTS, stats, EngineStats::pointsEvaluated).register(registry);
    FunctionCounter.builder(LATE, stats, EngineStats::lateSamples)
        .description("samples older than the device's last evaluated one: stored, skipped by the rules")
        .register(registry);
    for (Transition.Type t : Transition.Type.values()) {
      FunctionCounter.builder(TRANSITIONS, stats, s -> s.transitions(t))
          .tag("transition", t.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    this.lag = Timer.builder(LAG).description("from batch commit to its evaluation").register(registry);
  }

  void cycle(RulesPipeline.CycleResult r, boolean ok) {
    registry.counter(CYCLES, "outcome", ok ? "ok" : "failed").increment();
    if (r != null && r.batches() > 0) {
      lag.record(r.lag());
    }
  }
}
