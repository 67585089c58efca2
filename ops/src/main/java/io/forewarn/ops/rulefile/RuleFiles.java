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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rule file the rules service runs (the same FOREWARN_RULES_FILE, or the file shipped in its
 * jar), and checks of a posted one with the rules service's own parser.
 */
public final class RuleFiles {
  /** The result of checking a rule file. */
  public sealed interface Check {
    record Valid(String version, int rules, List<String> models) implements Check {}
    record Invalid(List<String> problems) implements Check {}
  }

  private final RuleFileLoader loader = new RuleFileLoader(ProductCatalog.standard());
  private final String source;
  private final String text;
  private final RuleSet active;

  private RuleFiles(String source, String text) {
    this.source = source;
    this.text = text;
    this.active = loader.parse(text, source);
  }

  /** @param file null = the rules shipped in the rules jar */
  public static RuleFiles load(String file) throws IOException {
    if (file != null) {
      return new RuleFiles(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }
    try (InputStream in = RuleFileLoader.class.getResourceAsStream(RuleFileLoader.DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IOException(RuleFileLoader.DEFAULT_RESOURCE + " is missing from the rules jar");
      }
      return new RuleFiles("classpath:" + RuleFileLoader.DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  public JsonObject describe() {
    return new JsonObject().put("source", source).put("version", active.version()).put("rules", active.size())
        .put("models", new JsonArray(List.copyOf(active.rulesByModel().keySet())))
        .put("file", new JsonObject(text));
  }

  public Check check(String posted) {
    try {
      RuleSet set = loader.parse(posted, "posted");
      return new Check.Valid(set.version(), set.size(), List.copyOf(set.rulesByModel().keySet()));
    } catch (RuleFileException e) {
      return new Check.Invalid(e.problems());
    } catch (RuntimeException e) {
      return new Check.Invalid(List.of(String.valueOf(e.getMessage())));
    }
  }

  /** Levels the chart draws for a model's metric: [{rule, kind, direction, level}]. */
  public JsonArray thresholds(String model, String metric) {
    JsonArray out = new JsonArray();
    if (model == null) {
      return out;
    }
    for (RuleSpec spec : active.forModel(model)) {
      if (!metric.equals(spec.metric())) {
        continue;
      }
      switch (spec.detector()) {
        case Detector.Threshold t -> out.add(level(spec, "threshold", t.rule().direction().name(), t.rule().triggerLevel()));
        case Detector.Forecast f -> out.add(level(spec, "forecast_limit", f.rule().direction().name(), f.rule().limit()));
        default -> { }
      }
    }
    return out;
  }

  private static JsonObject level(RuleSpec spec, String kind, String direction, double value) {
    return new JsonObject().put("rule", spec.id()).put("kind", kind).put("direction", direction.toLowerCase(java.util.Locale.ROOT))
        .put("level", value).put("severity", spec.severity().name().toLowerCase(java.util.Locale.ROOT));
  }
}
