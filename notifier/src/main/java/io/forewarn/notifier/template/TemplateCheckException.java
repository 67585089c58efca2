package io.forewarn.notifier.template;

import java.util.List;

/** Every problem found in the templates at once, so an operator can fix them in one go. */
public final class TemplateCheckException extends Exception {
  private final List<String> problems;

  public TemplateCheckException(List<String> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String render(List<String> problems) {
    StringBuilder sb = new StringBuilder("templates are invalid (").append(problems.size())
        .append(problems.size() == 1 ? " problem" : " problems").append("):");
    problems.forEach(p -> sb.append(System.lineSeparator()).append("  - ").append(p));
    return sb.toString();
  }
}
