package io.forewarn.notifier.template;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * One language's phrases ({@code templates/phrases.<lang>.properties}, UTF-8): problem and action
 * texts, product names, severities, survey questions, gestures, and the words used to format times
 * and durations. Phrases may hold placeholders (a problem's parameters) in the template syntax.
 */
public final class Phrasebook {
  /** Keys every language must define; problem/action keys are checked against the default language. */
  static final List<String> REQUIRED = List.of(
      "severity.low", "severity.medium", "severity.high", "severity.critical",
      "when.today", "when.tomorrow", "when.other", "format.date", "format.time",
      "unit.day", "unit.hour", "unit.minute", "duration.less_than_minute",
      "survey.csat", "survey.ces", "survey.nps");

  private final Locale language;
  private final Map<String, String> raw;
  private final Map<String, List<TemplateNode>> parsed;

  private Phrasebook(Locale language, Map<String, String> raw, Map<String, List<TemplateNode>> parsed) {
    this.language = language;
    this.raw = Map.copyOf(raw);
    this.parsed = Map.copyOf(parsed);
  }

  /** Parses a phrase file; syntax errors and missing required keys are added to {@code problems}. */
  static Phrasebook parse(Locale language, String text, String origin, List<String> problems) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(origin + ": cannot be read as a properties file: " + e.getMessage());
    }
    Map<String, String> raw = new HashMap<>();
    Map<String, List<TemplateNode>> parsed = new HashMap<>();
    for (String key : properties.stringPropertyNames()) {
      String value = properties.getProperty(key).strip();
      raw.put(key, value);
      try {
        parsed.put(key, TemplateParser.parse(value, origin + " [" + key + "]"));
      } catch (TemplateSyntaxException e) {
        problems.add(e.getMessage());
      }
    }
    for (String key : REQUIRED) {
      if (!raw.containsKey(key) || raw.get(key).isEmpty()) {
        problems.add(origin + ": missing phrase '" + key + "'");
      }
    }
    return new Phrasebook(language, raw, parsed);
  }

  public Locale language() {
    return language;
  }

  public Set<String> keys() {
    return new TreeSet<>(raw.keySet());
  }

  public Optional<String> raw(String key) {
    return Optional.ofNullable(raw.get(key));
  }

  /** The phrase filled with {@code parameters}; fails if the key or a parameter is missing. */
  public String render(String key, Map<String, String> parameters) throws RenderException {
    List<TemplateNode> nodes = parsed.get(key);
    if (nodes == null) {
      throw new RenderException("phrases." + language.getLanguage() + ": no phrase '" + key + "'");
    }
    return NodeRenderer.render(nodes, parameters, Set.of(), "phrases." + language.getLanguage() + " [" + key + "]");
  }

  /**
   * The product's name as customers know it ({@code model.<model>}, e.g. "GB24 boiler" for
   * {@code boiler-gb24}); a model the phrase book does not name keeps its id, so a new model is
   * named plainly rather than not told at all.
   */
  public String productName(String model) throws RenderException {
    String key = "model." + model;
    return parsed.containsKey(key) ? render(key, Map.of()) : model;
  }

  /** The form of a unit ("hour|hours", "час|часа|часов") that goes with {@code n}. */
  public String unit(String unitKey, long n) throws RenderException {
    String[] forms = render(unitKey, Map.of()).split("\\|");
    int index = Math.min(PluralRule.formIndex(language, n), forms.length - 1);
    return forms[index].strip();
  }
}
