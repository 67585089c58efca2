package io.forewarn.rules.ruleset;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A validated rule file: its version and the rules of every model. */
public record RuleSet(String version, Map<String, List<RuleSpec>> rulesByModel, FleetSettings fleet) {
  public RuleSet {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fleet, "fleet");
    rulesByModel = Map.copyOf(rulesByModel);
  }

  public List<RuleSpec> forModel(String model) {
    return rulesByModel.getOrDefault(model, List.of());
  }

  public int size() {
    return rulesByModel.values().stream().mapToInt(List::size).sum();
  }
}
