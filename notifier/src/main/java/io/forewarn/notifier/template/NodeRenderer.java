package io.forewarn.notifier.template;

import io.forewarn.notifier.template.TemplateNode.Placeholder;
import io.forewarn.notifier.template.TemplateNode.Section;
import io.forewarn.notifier.template.TemplateNode.Text;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills parsed nodes with values. Values are inserted as plain text and never parsed again, so a
 * customer named "{{brand}}" stays "{{brand}}". Positive sections are numbered in document order
 * so the SMS shortening rule can drop them last-first.
 */
final class NodeRenderer {
  private NodeRenderer() {}

  static String render(List<TemplateNode> nodes, Map<String, String> values, Set<Integer> dropped, String origin)
      throws RenderException {
    StringBuilder out = new StringBuilder();
    render(nodes, values, dropped, origin, out, new int[] {0});
    return out.toString();
  }

  /** How many positive ({@code {{#...}}}) sections the nodes hold, nested ones included. */
  static int countSections(List<TemplateNode> nodes) {
    int n = 0;
    for (TemplateNode node : nodes) {
      if (node instanceof Section s) {
        n += (s.inverted() ? 0 : 1) + countSections(s.body());
      }
    }
    return n;
  }

  private static void render(List<TemplateNode> nodes, Map<String, String> values, Set<Integer> dropped,
      String origin, StringBuilder out, int[] sectionCounter) throws RenderException {
    for (TemplateNode node : nodes) {
      switch (node) {
        case Text t -> out.append(t.text());
        case Placeholder p -> {
          String value = values.get(p.name());
          if (value == null) {
            throw new RenderException(
                origin + ":" + p.line() + ":" + p.column() + ": no value for {{" + p.name() + "}}");
          }
          out.append(value);
        }
        case Section s -> {
          int index = s.inverted() ? -1 : sectionCounter[0]++;
          boolean present = values.get(s.name()) != null;
          boolean show = s.inverted() ? !present : present && !dropped.contains(index);
          if (show) {
            render(s.body(), values, dropped, origin, out, sectionCounter);
          } else {
            sectionCounter[0] += countSections(s.body());
          }
        }
      }
    }
  }
}
