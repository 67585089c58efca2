package io.forewarn.rules.ruleset;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** A validated rule file: its version and the rules of every model. */
public record RuleSet(String version, Map<String, List<RuleSpec>> rulesByModel, FleetSettings fleet) {
  /** A version names the rule set in incident details, in the database and in API paths. */
  public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  public RuleSet {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(fleet, "fleet");
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("version must be 1-128 of [A-Za-z0-9._:-] starting with a letter or digit");
    }
    rulesByModel = Map.copyOf(rulesByModel);
  }

  public List<RuleSpec> forModel(String model) {
    return rulesByModel.getOrDefault(model, List.of());
  }

  public int size() {
    return rulesByModel.values().stream().mapToInt(List::size).sum();
  }
}
