package io.forewarn.ops.rulefile;

import io.forewarn.rules.ruleset.Detector;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileException;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import io.forewarn.rules.ruleset.RuleSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Rule files read with the rules service's own loader (so "valid here" means "loads there"), the levels
 * a chart draws from them, and the file ops was started with (FOREWARN_RULES_FILE, or the rules jar's),
 * which is shown until the rules service has stored a rule set in the database.
 */
public final class RuleFiles {
  /** The result of checking a rule file. */
  public sealed interface Check {
    record Valid(String version, int rules, List<String> models) implements Check {}
    record Invalid(List<String> problems) implements Check {}
  }

  /** A rule file read: its rules, or (rules null) every problem it has. */
  record Parsed(RuleSet rules, List<String> problems) {}

  private final RuleFileLoader loader = new RuleFileLoader(ProductCatalog.standard());
  private final String source;
  private final String text;
  private final RuleSet file;

  private RuleFiles(String source, String text) {
    this.source = source;
    this.text = text;
    this.file = loader.parse(text, source);
  }

  /** @param file null = the rules shipped in the rules jar */
  public static RuleFiles load(String file) throws IOException {
    if (file != null) {
      return new RuleFiles(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }
    return new RuleFiles(RuleFileLoader.DEFAULT_SOURCE, RuleFileLoader.defaultText());
  }

  public Check check(String posted) {
    Parsed p = parse(posted, "posted");
    return p.rules() == null ? new Check.Invalid(p.problems())
        : new Check.Valid(p.rules().version(), p.rules().size(), List.copyOf(p.rules().rulesByModel().keySet()));
  }

  Parsed parse(String content, String where) {
    return attempt(() -> loader.parse(content, where));
  }

  /** A stored rule set read as the rules service reads it: valid, and its version is its row's. */
  Parsed parseStored(String content, String version) {
    return attempt(() -> loader.parseStored(content, version));
  }

  private static Parsed attempt(Supplier<RuleSet> read) {
    try {
      return new Parsed(read.get(), List.of());
    } catch (RuleFileException e) {
      return new Parsed(null, e.problems());
    } catch (RuntimeException e) {
      return new Parsed(null, List.of(String.valueOf(e.getMessage())));
    }
  }

  /** The file ops was started with, described like a stored rule set. */
  JsonObject describeFile() {
    return describe(file, text).put("source", source)
        .put("origin", source.equals(RuleFileLoader.DEFAULT_SOURCE) ? "jar" : "file");
  }

  RuleSet file() {
    return file;
  }

  static JsonObject describe(RuleSet rules, String content) {
    return new JsonObject().put("version", rules.version()).put("rules", rules.size())
        .put("models", new JsonArray(List.copyOf(rules.rulesByModel().keySet()))).put("file", new JsonObject(content));
  }

  /** Levels the chart draws for a model's metric: [{rule, kind, direction, level, severity}]. */
  static JsonArray thresholds(RuleSet rules, String model, String metric) {
    JsonArray out = new JsonArray();
    if (model == null) {
      return out;
    }
    for (RuleSpec spec : rules.forModel(model)) {
      if (!metric.equals(spec.metric())) {
        continue;
      }
      switch (spec.detector()) {
        case Detector.Threshold t ->
          out.add(level(spec, "threshold", t.rule().direction().name(), t.rule().triggerLevel()));
        case Detector.Forecast f ->
          out.add(level(spec, "forecast_limit", f.rule().direction().name(), f.rule().limit()));
        default -> {
        }
      }
    }
    return out;
  }

  private static JsonObject level(RuleSpec spec, String kind, String direction, double value) {
    return new JsonObject().put("rule", spec.id()).put("kind", kind)
        .put("direction", direction.toLowerCase(Locale.ROOT))
        .put("level", value).put("severity", spec.severity().name().toLowerCase(Locale.ROOT));
  }
}
