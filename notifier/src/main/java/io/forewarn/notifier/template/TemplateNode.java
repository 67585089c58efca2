package io.forewarn.notifier.template;

import java.util.List;

/** A parsed piece of a template. Positions are 1-based and point at the opening {@code {{}. */
sealed interface TemplateNode {

  record Text(String text) implements TemplateNode {}

  /** {@code {{name}}}: replaced by the value; a missing value is an error, never blank text. */
  record Placeholder(String name, int line, int column) implements TemplateNode {}

  /**
   * {@code {{#name}}...{{/name}}} renders its body only when {@code name} has a value;
   * {@code {{^name}}...{{/name}}} ({@code inverted}) only when it has none.
   */
  record Section(String name, boolean inverted, List<TemplateNode> body, int line, int column)
      implements TemplateNode {
    public Section {
      body = List.copyOf(body);
    }
  }
}
