package io.forewarn.rules.store;

import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The rule file the service was started with, parsed: what seeds the database's rule sets.
 *
 * @param text   the file as read (stored as it is)
 * @param source where it was read: the FOREWARN_RULES_FILE path or {@code classpath:/rules/default-rules.json}
 */
public record RuleFile(String text, String source, Origin origin, RuleSet rules) {
  /** Which file: the one shipped in the rules jar, or one an operator named. */
  public enum Origin {
    JAR, FILE;

    String dbName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RuleFile {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rules, "rules");
  }

  /**
   * Reads and checks the file; throws {@link io.forewarn.rules.ruleset.RuleFileException} listing every problem.
   *
   * @param path FOREWARN_RULES_FILE, or null for the file shipped in the jar
   */
  public static RuleFile read(RuleFileLoader loader, String path) throws IOException {
    if (path == null) {
      String text = RuleFileLoader.defaultText();
      return new RuleFile(text, RuleFileLoader.DEFAULT_SOURCE, Origin.JAR,
          loader.parse(text, RuleFileLoader.DEFAULT_SOURCE));
    }
    String text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
    return new RuleFile(text, path, Origin.FILE, loader.parse(text, path));
  }
}
