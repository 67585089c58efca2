package io.forewarn.common.config;

import java.util.List;

/** Thrown once at start-up with every configuration problem found, so an operator fixes all at once. */
public final class InvalidConfigException extends RuntimeException {
  private final List<String> problems;

  public InvalidConfigException(String service, List<String> problems) {
    super(render(service, problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String render(String service, List<String> problems) {
    StringBuilder sb = new StringBuilder(service).append(" configuration is invalid (")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
    problems.forEach(p -> sb.append(System.lineSeparator()).append("  - ").append(p));
    return sb.toString();
  }
}
