package io.forewarn.rules.app;

import io.forewarn.rules.engine.EngineStats;
import io.forewarn.rules.engine.Transition;
import io.forewarn.rules.store.RulesPipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
  static final String RULESET_ACTIVATION = "forewarn.rules.ruleset.activation";
  static final String RELOADS = "forewarn.rules.ruleset.reloads";

  private final Timer lag;
  private final MeterRegistry registry;

  RulesMetrics(MeterRegistry registry, RulesPipeline pipeline) {
    this.registry = registry;
    EngineStats stats = pipeline.stats();
    FunctionCounter.builder(POINTS, stats, EngineStats::pointsEvaluated).register(registry);
    FunctionCounter.builder(LATE, stats, EngineStats::lateSamples)
        .description("samples older than the device's last evaluated one: stored, skipped by the rules")
        .register(registry);
    for (Transition.Type t : Transition.Type.values()) {
      FunctionCounter.builder(TRANSITIONS, stats, s -> s.transitions(t))
          .tag("transition", t.name().toLowerCase(Locale.ROOT)).register(registry);
    }
    this.lag = Timer.builder(LAG).description("from batch commit to its evaluation").register(registry);
    Gauge.builder(RULESET_ACTIVATION, pipeline, RulesPipeline::rulesActivation)
        .description("rule_set_activations.id of the rule set judging now (its version: /health)").register(registry);
    for (RulesPipeline.Reload r : RulesPipeline.Reload.values()) {
      if (r != RulesPipeline.Reload.NONE) {
        Counter.builder(RELOADS).tag("outcome", r.name().toLowerCase(Locale.ROOT))
            .description("newer rule sets swapped in (applied) or refused while running").register(registry);
      }
    }
  }

  void cycle(RulesPipeline.CycleResult r, boolean ok) {
    registry.counter(CYCLES, "outcome", ok ? "ok" : "failed").increment();
    if (r != null && r.reload() != RulesPipeline.Reload.NONE) {
      registry.counter(RELOADS, "outcome", r.reload().name().toLowerCase(Locale.ROOT)).increment();
    }
    if (r != null && r.batches() > 0) {
      lag.record(r.lag());
    }
  }
}
