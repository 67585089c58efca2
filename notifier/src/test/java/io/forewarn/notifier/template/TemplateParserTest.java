package io.forewarn.notifier.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateParserTest {
  private static String render(String template, Map<String, String> values) throws Exception {
    return NodeRenderer.render(TemplateParser.parse(template, "t"), values, Set.of(), "t");
  }

  @Test
  void fills_placeholders_and_sections() throws Exception {
    String template = "Hi {{name}}.{{#eta}} Fixed by {{eta}}.{{/eta}}{{^eta}} No time yet.{{/eta}}";
    assertThat(render(template, Map.of("name", "Ada", "eta", "18:00"))).isEqualTo("Hi Ada. Fixed by 18:00.");
    assertThat(render(template, Map.of("name", "Ada"))).isEqualTo("Hi Ada. No time yet.");
  }

  @Test
  void section_tags_alone_on_a_line_leave_no_blank_line() throws Exception {
    // GIVEN an optional paragraph line
    String template = "Hello\n  {{#eta}}\nFixed by {{eta}}.\n  {{/eta}}\nBye\n";
    // THEN with and without the value
    assertThat(render(template, Map.of("eta", "18:00"))).isEqualTo("Hello\nFixed by 18:00.\nBye\n");
    assertThat(render(template, Map.of())).isEqualTo("Hello\nBye\n");
  }

  @Test
  void values_are_never_parsed_again() throws Exception {
    assertThat(render("Hi {{name}}", Map.of("name", "{{brand}} <b>"))).isEqualTo("Hi {{brand}} <b>");
  }

  @Test
  void missing_value_for_a_bare_placeholder_fails_with_its_position() {
    assertThatThrownBy(() -> render("Line one\nFixed by {{eta}}.", Map.of()))
        .isInstanceOf(RenderException.class).hasMessage("t:2:10: no value for {{eta}}");
  }

  @Test
  void syntax_errors_name_the_place_and_the_fix() {
    assertThatThrownBy(() -> TemplateParser.parse("Hi {{name", "f.txt"))
        .hasMessage("f.txt:1:4: '{{' is not closed with '}}'");
    assertThatThrownBy(() -> TemplateParser.parse("Hi\n{{#eta}}x", "f.txt"))
        .hasMessageContaining("f.txt:2:1: section '{{#eta}}' is never closed");
    assertThatThrownBy(() -> TemplateParser.parse("{{#eta}}x{{/action}}", "f.txt"))
        .hasMessageContaining("'{{/action}}' does not match '{{#eta}}' opened at line 1, column 1");
    assertThatThrownBy(() -> TemplateParser.parse("x{{/eta}}", "f.txt"))
        .hasMessageContaining("closes a section that was never opened");
    assertThatThrownBy(() -> TemplateParser.parse("Hi {{Customer Name}}", "f.txt"))
        .hasMessageContaining("is not a placeholder");
    assertThatThrownBy(() -> TemplateParser.parse("Hi name}}", "f.txt"))
        .hasMessageContaining("f.txt:1:8: '}}' without a matching '{{'");
  }

  @Test
  void single_brace_placeholders_are_caught_as_typos() {
    assertThatThrownBy(() -> TemplateParser.parse("Fixed by {eta}.", "f.txt"))
        .isInstanceOf(TemplateSyntaxException.class).hasMessageContaining("write {{eta}}");
  }

  @Test
  void positive_sections_are_counted_for_the_shortening_rule() throws Exception {
    List<TemplateNode> nodes = TemplateParser.parse("{{#a}}{{#b}}x{{/b}}{{/a}}{{^c}}y{{/c}}{{#d}}z{{/d}}", "t");
    assertThat(NodeRenderer.countSections(nodes)).isEqualTo(3);
    // dropping section 2 (d) keeps a and b
    assertThat(NodeRenderer.render(nodes, Map.of("a", "1", "b", "1", "d", "1"), Set.of(2), "t")).isEqualTo("xy");
    // dropping section 0 (a) takes its nested b along
    assertThat(NodeRenderer.render(nodes, Map.of("a", "1", "b", "1", "d", "1"), Set.of(0), "t")).isEqualTo("yz");
  }
}
