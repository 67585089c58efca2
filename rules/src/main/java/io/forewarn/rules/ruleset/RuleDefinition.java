package io.forewarn.rules.ruleset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a rule judges by, as it was written: the rule's JSON without the fields that only shape the
 * incident (words, keys, severity, fleet flag) or its timing ({@code for}, {@code clear_for},
 * {@code min_firing}: the incident machine's settings, whose state stays valid when they change), keys
 * sorted at every level. Taken from the file rather than from the parsed detector, so a code change to
 * a detector's settings record does not make every stored detector state look foreign.
 */
final class RuleDefinition {
  private static final Set<String> NOT_JUDGING = Set.of("id", "severity", "for", "clear_for", "min_firing", "summary",
      "summary_key", "action", "action_key", "fleet");

  private RuleDefinition() {}

  static String of(JsonObject rule) {
    Map<String, Object> kept = new TreeMap<>();
    rule.forEach(e -> {
      if (!NOT_JUDGING.contains(e.getKey())) {
        kept.put(e.getKey(), canonical(e.getValue()));
      }
    });
    return new JsonObject(kept).encode();
  }

  private static Object canonical(Object value) {
    if (value instanceof JsonObject o) {
      Map<String, Object> sorted = new TreeMap<>();
      o.forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
      return new JsonObject(sorted);
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(canonical(v)));
      return out;
    }
    return value;
  }
}
