package io.forewarn.notifier.template;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.Transition;
import io.forewarn.notifier.template.Placeholders.Presence;
import io.forewarn.notifier.template.TemplateNode.Placeholder;
import io.forewarn.notifier.template.TemplateNode.Section;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * All templates and phrase books, loaded and checked together. Loading fails with every problem
 * listed: a missing file, a syntax error, an unknown placeholder, a placeholder that may be
 * missing but is not guarded by a section, one that is never available for that incident step,
 * or a problem, action or model phrase that exists in one language but not another.
 */
public final class TemplateCatalog {
  private final Map<TemplateKey, MessageTemplate> templates;
  private final Map<Locale, Phrasebook> phrases;
  private final List<Locale> languages;
  private final Locale defaultLanguage;

  private TemplateCatalog(Map<TemplateKey, MessageTemplate> templates, Map<Locale, Phrasebook> phrases,
      List<Locale> languages, Locale defaultLanguage) {
    this.templates = Map.copyOf(templates);
    this.phrases = Map.copyOf(phrases);
    this.languages = List.copyOf(languages);
    this.defaultLanguage = defaultLanguage;
  }

  /**
   * @param gestureKeys gesture phrases the planner may ask for; each must exist in every language
   */
  public static TemplateCatalog load(TemplateSource source, List<Locale> languages, Locale defaultLanguage,
      Collection<String> gestureKeys) throws TemplateCheckException {
    if (!languages.contains(defaultLanguage)) {
      throw new IllegalArgumentException("default language " + defaultLanguage + " is not among " + languages);
    }
    List<String> problems = new ArrayList<>();
    Map<Locale, Phrasebook> phrases = new HashMap<>();
    for (Locale language : languages) {
      String path = "phrases." + language.getLanguage() + ".properties";
      source.read(path).ifPresentOrElse(
          loaded -> phrases.put(language, Phrasebook.parse(language, loaded.text(), loaded.origin(), problems)),
          () -> problems.add(path + ": missing"));
    }
    checkPhraseCoverage(phrases, defaultLanguage, gestureKeys, problems);
    Map<TemplateKey, MessageTemplate> templates = new HashMap<>();
    for (Locale language : languages) {
      for (TemplateFamily family : TemplateFamily.values()) {
        for (Transition transition : Transition.values()) {
          for (Channel channel : Channel.values()) {
            TemplateKey key = new TemplateKey(family, transition, channel, language);
            loadOne(source, key, problems).ifPresent(t -> templates.put(key, t));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplateCheckException(problems);
    }
    return new TemplateCatalog(templates, phrases, languages, defaultLanguage);
  }

  public List<Locale> languages() {
    return languages;
  }

  public Locale defaultLanguage() {
    return defaultLanguage;
  }

  /** The customer's language if we have templates in it, else the default language. */
  public Locale resolve(Locale wanted) {
    for (Locale language : languages) {
      if (language.getLanguage().equals(wanted.getLanguage())) {
        return language;
      }
    }
    return defaultLanguage;
  }

  MessageTemplate template(TemplateKey key) {
    MessageTemplate template = templates.get(key);
    if (template == null) {
      throw new IllegalArgumentException("no template " + key.path());
    }
    return template;
  }

  public Phrasebook phrases(Locale language) {
    return phrases.get(resolve(language));
  }

  private static Optional<MessageTemplate> loadOne(TemplateSource source, TemplateKey key,
      List<String> problems) {
    var loaded = source.read(key.path());
    if (loaded.isEmpty()) {
      problems.add(key.path() + ": missing");
      return Optional.empty();
    }
    try {
      MessageTemplate template = MessageTemplate.parse(key, loaded.get().text(), loaded.get().origin());
      if (template.subject() != null) {
        checkVocabulary(template.subject(), key, template.origin() + " (subject)", Set.of(), problems);
      }
      checkVocabulary(template.body(), key, template.origin(), Set.of(), problems);
      return Optional.of(template);
    } catch (TemplateSyntaxException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  private static void checkVocabulary(List<TemplateNode> nodes, TemplateKey key, String origin,
      Set<String> guarded, List<String> problems) {
    for (TemplateNode node : nodes) {
      switch (node) {
        case Placeholder p -> checkName(p.name(), p.line(), p.column(), false, key, origin, guarded, problems);
        case Section s -> {
          checkName(s.name(), s.line(), s.column(), true, key, origin, guarded, problems);
          Set<String> inner = guarded;
          if (!s.inverted()) {
            inner = new HashSet<>(guarded);
            inner.add(s.name());
          }
          checkVocabulary(s.body(), key, origin, inner, problems);
        }
        case TemplateNode.Text t -> {
        }
      }
    }
  }

  private static void checkName(String name, int line, int column, boolean section, TemplateKey key,
      String origin, Set<String> guarded, List<String> problems) {
    String where = origin + ":" + line + ":" + column + ": ";
    if (!Placeholders.known(name)) {
      problems.add(where + "unknown placeholder {{" + name + "}}; known: " + Placeholders.DESCRIPTIONS.keySet());
      return;
    }
    Presence presence = Placeholders.presence(name, key.family(), key.transition());
    String step = key.family().templateName() + "/" + key.transition().templateName();
    if (presence == Presence.NEVER) {
      problems.add(where + "{{" + name + "}} is never available in " + step + " messages");
    } else if (!section && presence == Presence.SOMETIMES && !guarded.contains(name)) {
      problems.add(where + "{{" + name + "}} may be missing in " + step + " messages; guard it: {{#"
          + name + "}}...{{" + name + "}}...{{/" + name + "}}");
    }
  }

  private static void checkPhraseCoverage(Map<Locale, Phrasebook> phrases, Locale defaultLanguage,
      Collection<String> gestureKeys, List<String> problems) {
    Phrasebook reference = phrases.get(defaultLanguage);
    Set<String> expected = new TreeSet<>();
    if (reference != null) {
      reference.keys().stream()
          .filter(k -> k.startsWith("problem.") || k.startsWith("action.") || k.startsWith("model."))
          .forEach(expected::add);
    }
    gestureKeys.forEach(g -> expected.add("gesture." + g));
    phrases.forEach((language, book) -> {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(book.keys());
      if (!missing.isEmpty()) {
        problems.add("phrases." + language.getLanguage() + ".properties: missing " + missing);
      }
    });
  }
}
