package io.forewarn.notifier.template;

import io.forewarn.notifier.template.TemplateNode.Placeholder;
import io.forewarn.notifier.template.TemplateNode.Section;
import io.forewarn.notifier.template.TemplateNode.Text;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the template syntax: {@code {{name}}}, {@code {{#name}}…{{/name}}},
 * {@code {{^name}}…{{/name}}}. Names are lower_snake_case with dots ({@code device.model}).
 * There is no escaping, no expressions and no way to call code: a template can only place
 * values. A section tag alone on its line takes the line with it, so optional sentences in
 * emails leave no blank lines behind. Single-brace look-alikes ({@code {eta}}) and stray
 * {@code }}} are rejected because they are almost always typos that would reach a customer.
 */
final class TemplateParser {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final Pattern SINGLE_BRACE = Pattern.compile("(?<!\\{)\\{\\s*[#^/]?[A-Za-z_][\\w.]*\\s*}(?!})");

  private record Frame(String name, boolean inverted, int line, int column, List<TemplateNode> body) {}

  static List<TemplateNode> parse(String source, String origin) throws TemplateSyntaxException {
    Deque<Frame> open = new ArrayDeque<>();
    List<TemplateNode> root = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      int tag = source.indexOf("{{", i);
      int stray = source.indexOf("}}", i);
      if (stray >= 0 && (tag < 0 || stray < tag)) {
        throw error(origin, source, stray, "'}}' without a matching '{{'");
      }
      if (tag < 0) {
        text.append(source, i, source.length());
        break;
      }
      text.append(source, i, tag);
      int close = source.indexOf("}}", tag + 2);
      int nextOpen = source.indexOf("{{", tag + 2);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        throw error(origin, source, tag, "'{{' is not closed with '}}'");
      }
      String inside = source.substring(tag + 2, close).strip();
      char sigil = inside.isEmpty() ? ' ' : inside.charAt(0);
      boolean sectionTag = sigil == '#' || sigil == '^' || sigil == '/';
      String name = sectionTag ? inside.substring(1).strip() : inside;
      if (!NAME.matcher(name).matches()) {
        throw error(origin, source, tag, "'{{" + inside + "}}' is not a placeholder: names are "
            + "lower_snake_case with dots, e.g. {{device.model}}, {{#eta}}...{{/eta}}");
      }
      int after = close + 2;
      if (sectionTag) {
        after = dropStandaloneLine(source, text, tag, after);
      }
      current(open, root).addAll(flush(text));
      int line = lineOf(source, tag);
      int column = columnOf(source, tag);
      switch (sigil) {
        case '#', '^' -> open.push(new Frame(name, sigil == '^', line, column, new ArrayList<>()));
        case '/' -> {
          if (open.isEmpty()) {
            throw error(origin, source, tag, "'{{/" + name + "}}' closes a section that was never opened");
          }
          Frame frame = open.pop();
          if (!frame.name().equals(name)) {
            throw error(origin, source, tag, "'{{/" + name + "}}' does not match '{{" + (frame.inverted() ? "^" : "#")
                + frame.name() + "}}' opened at line " + frame.line() + ", column " + frame.column());
          }
          current(open, root)
              .add(new Section(frame.name(), frame.inverted(), frame.body(), frame.line(), frame.column()));
        }
        default -> current(open, root).add(new Placeholder(name, line, column));
      }
      i = after;
    }
    if (!open.isEmpty()) {
      Frame frame = open.peek();
      throw new TemplateSyntaxException(origin + ":" + frame.line() + ":" + frame.column() + ": section '{{"
          + (frame.inverted() ? "^" : "#") + frame.name() + "}}' is never closed with '{{/" + frame.name() + "}}'");
    }
    current(open, root).addAll(flush(text));
    checkSingleBraces(root, source, origin);
    return List.copyOf(root);
  }

  /** If the tag is the only thing on its line, drop the line's indentation and its newline. */
  private static int dropStandaloneLine(String source, StringBuilder text, int tagStart, int tagEnd) {
    int lineStart = source.lastIndexOf('\n', tagStart - 1) + 1;
    int lineEnd = source.indexOf('\n', tagEnd);
    boolean blankBefore = source.substring(lineStart, tagStart).isBlank();
    String rest = source.substring(tagEnd, lineEnd < 0 ? source.length() : lineEnd);
    if (!blankBefore || !rest.isBlank()) {
      return tagEnd;
    }
    int indentation = tagStart - lineStart;
    if (indentation > 0 && text.length() >= indentation) {
      text.setLength(text.length() - indentation);
    }
    return lineEnd < 0 ? source.length() : lineEnd + 1;
  }

  private static void checkSingleBraces(List<TemplateNode> nodes, String source, String origin)
      throws TemplateSyntaxException {
    for (TemplateNode node : nodes) {
      if (node instanceof Text t) {
        Matcher m = SINGLE_BRACE.matcher(t.text());
        if (m.find()) {
          int at = source.indexOf(m.group());
          throw error(origin, source, Math.max(at, 0), "'" + m.group() + "' looks like a placeholder with single "
              + "braces; write {{" + m.group().replaceAll("[{}\\s]", "") + "}}");
        }
      } else if (node instanceof Section s) {
        checkSingleBraces(s.body(), source, origin);
      }
    }
  }

  private static List<TemplateNode> current(Deque<Frame> open, List<TemplateNode> root) {
    return open.isEmpty() ? root : open.peek().body();
  }

  private static List<TemplateNode> flush(StringBuilder text) {
    if (text.isEmpty()) {
      return List.of();
    }
    List<TemplateNode> out = List.of(new Text(text.toString()));
    text.setLength(0);
    return out;
  }

  private static TemplateSyntaxException error(String origin, String source, int at, String what) {
    return new TemplateSyntaxException(origin + ":" + lineOf(source, at) + ":" + columnOf(source, at) + ": " + what);
  }

  private static int lineOf(String source, int at) {
    int line = 1;
    for (int k = 0; k < at; k++) {
      if (source.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int columnOf(String source, int at) {
    return at - source.lastIndexOf('\n', at - 1);
  }
}
