package io.forewarn.notifier.outreach;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What is wrong, as a key into the phrase book ({@code problem.<key>}) plus the numbers the
 * phrase needs, e.g. {@code battery_wearing_out} with {@code capacity_percent=71}. The rules
 * stage never writes customer-facing prose; the phrase book does, in every language.
 */
public record ProblemSummary(String key, Map<String, String> parameters) {
  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  public ProblemSummary {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("problem key must be lower_snake_case, was " + key);
    }
    parameters = Map.copyOf(parameters);
  }

  public static ProblemSummary of(String key) {
    return new ProblemSummary(key, Map.of());
  }
}
