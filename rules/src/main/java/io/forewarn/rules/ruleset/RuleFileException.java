package io.forewarn.rules.ruleset;

import java.util.List;

/** Every problem of a rule file, found in one pass so an operator fixes them all at once. */
public final class RuleFileException extends RuntimeException {
  private final List<String> problems;

  public RuleFileException(String source, List<String> problems) {
    super("rule file " + source + " has " + problems.size() + " problem(s):\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
