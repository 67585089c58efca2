package io.forewarn.rules.ruleset;

import io.forewarn.rules.detection.cohort.CohortShiftRule;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule file (JSON, see docs/rules.md) and checks all of it against the product catalogue,
 * collecting every problem before failing once with {@link RuleFileException}.
 */
public final class RuleFileLoader {
  public static final String DEFAULT_RESOURCE = "/rules/default-rules.json";
  /** How the shipped file is named where a source is shown. */
  public static final String DEFAULT_SOURCE = "classpath:" + DEFAULT_RESOURCE;
  private final ProductCatalog catalog;

  public RuleFileLoader(ProductCatalog catalog) {
    this.catalog = catalog;
  }

  public RuleSet load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  public RuleSet loadDefault() {
    return parse(defaultText(), DEFAULT_SOURCE);
  }

  /** The rule file shipped in the rules jar, as text. */
  public static String defaultText() {
    try (InputStream in = RuleFileLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /**
   * A rule set stored under {@code version} (the database's rule_sets): read like a file, and its own
   * {@code version} must be that one, so incidents never name a version the store does not know.
   */
  public RuleSet parseStored(String text, String version) {
    String source = "rule set " + version;
    RuleSet rules = parse(text, source);
    if (!rules.version().equals(version)) {
      throw new RuleFileException(source, List.of("(file): 'version' is '" + rules.version()
          + "' but the rule set is stored as '" + version + "'"));
    }
    return rules;
  }

  public RuleSet parse(String text, String source) {
    List<String> problems = new ArrayList<>();
    JsonObject root;
    try {
      root = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new RuleFileException(source, List.of("not a JSON object: " + e.getMessage()));
    }
    Fields top = new Fields(root, "(file)", problems);
    String version = top.text("version", null);
    if (version != null && !RuleSet.VERSION.matcher(version).matches()) {
      top.problem("'version' must be 1-128 of [A-Za-z0-9._:-] starting with a letter or digit (it names the rule"
          + " set in incidents and API paths), not '"
          + (version.length() > 60 ? version.substring(0, 60) + "…" : version)
          + "'");
    }
    FleetSettings fleet = fleet(root.getValue("fleet"), problems);
    boolean cohort = root.getValue("fleet") instanceof JsonObject f && f.getValue("cohort") != null;
    Map<String, List<RuleSpec>> byModel = new LinkedHashMap<>();
    Object models = root.getValue("models");
    if (!(models instanceof JsonObject modelsJson) || modelsJson.isEmpty()) {
      problems.add("(file): 'models' must be a non-empty object of model name -> {rules: [...]}");
    } else {
      for (String model : modelsJson.fieldNames()) {
        byModel.put(model, model(model, modelsJson.getValue(model), cohort, problems));
      }
      if (cohort && byModel.values().stream().flatMap(List::stream).noneMatch(RuleSpec::feedsCohort)) {
        problems.add("fleet.cohort: no rule feeds it; it compares the residuals of rules with kind seasonal_drift"
            + " and fleet: true");
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleFileException(source, problems);
    }
    return new RuleSet(version, byModel, fleet);
  }

  private FleetSettings fleet(Object value, List<String> problems) {
    JsonObject json = value instanceof JsonObject j ? j : new JsonObject();
    if (value != null && !(value instanceof JsonObject)) {
      problems.add("fleet: must be an object");
    }
    Fields f = new Fields(json, "fleet", problems);
    Duration window = f.duration("window", Duration.ofMinutes(30));
    int minDevices = (int) f.number("min_devices", 5.0);
    double minFraction = f.number("min_fraction", 0.2);
    int firmwareFactor = (int) f.number("firmware_window_factor", 96.0);
    double resolveBelow = f.number("resolve_below", 0.1);
    CohortSettings cohort = cohort(json.getValue("cohort"), problems);
    try {
      return f.ok() ? new FleetSettings(window, minDevices, minFraction, firmwareFactor, resolveBelow, cohort) : null;
    } catch (IllegalArgumentException e) {
      f.problem(e.getMessage());
      return null;
    }
  }

  /** {@code fleet.cohort}: absent means no cohort comparison; every problem of it is listed. */
  private static CohortSettings cohort(Object value, List<String> problems) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      problems.add("fleet.cohort: must be an object");
      return null;
    }
    Fields f = new Fields(json, "fleet.cohort", problems);
    Duration bucket = f.duration("bucket", CohortSettings.DEFAULT_BUCKET);
    double allowance = f.number("allowance", CohortShiftRule.DEFAULT_ALLOWANCE);
    double decision = f.number("decision", CohortShiftRule.DEFAULT_DECISION);
    double clearBelow = f.number("clear_below", CohortShiftRule.DEFAULT_CLEAR_BELOW);
    double clip = f.number("clip", CohortShiftRule.DEFAULT_CLIP);
    int minCohort = f.count("min_cohort", CohortShiftRule.DEFAULT_MIN_DEVICES);
    int minControl = f.count("min_control", CohortShiftRule.DEFAULT_MIN_DEVICES);
    Duration clearFor = f.duration("clear_for", CohortSettings.DEFAULT_CLEAR_FOR);
    Duration minFiring = f.duration("min_firing", CohortSettings.DEFAULT_MIN_FIRING);
    if (!f.ok()) {
      return null;
    }
    List<String> bad = CohortSettings.problems(bucket, allowance, decision, clearBelow, clip, minCohort, minControl,
        clearFor, minFiring);
    bad.forEach(f::problem);
    return bad.isEmpty() ? new CohortSettings(bucket, allowance, decision, clearBelow, clip, minCohort, minControl,
        clearFor, minFiring) : null;
  }

  private List<RuleSpec> model(String model, Object value, boolean cohort, List<String> problems) {
    String path = "models." + model;
    if (!catalog.hasModel(model)) {
      problems.add(path + ": unknown product model '" + model + "' (known: " + catalog.metricsByModel().keySet() + ")");
      return List.of();
    }
    if (!(value instanceof JsonObject json) || !(json.getValue("rules") instanceof JsonArray rules)) {
      problems.add(path + ": must be an object with a 'rules' array");
      return List.of();
    }
    List<RuleSpec> specs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      String rulePath = path + ".rules[" + i + "]";
      if (!(rules.getValue(i) instanceof JsonObject ruleJson)) {
        problems.add(rulePath + ": must be an object");
        continue;
      }
      Fields f = new Fields(ruleJson, rulePath, problems);
      RuleSpec spec = rule(model, f);
      if (cohort && spec != null && spec.feedsCohort() && spec.detector().direction() == null) {
        f.problem("feeds fleet.cohort (fleet: true, seasonal_drift) and so needs a 'direction': compared on both"
            + " sides, a healthy firmware looks shifted the other way against a faulty one");
      }
      if (spec != null && !ids.add(spec.id())) {
        f.problem("duplicate rule id '" + spec.id() + "'");
      } else if (spec != null) {
        specs.add(spec);
      }
    }
    return List.copyOf(specs);
  }

  private RuleSpec rule(String model, Fields f) {
    String id = f.text("id", null);
    RuleKind kind = f.choice("kind", RuleKind.class, null);
    String metric = kind == RuleKind.NO_DATA ? null : f.text("metric", null);
    if (metric != null && !catalog.hasMetric(model, metric)) {
      f.problem("unknown metric '" + metric + "' for model " + model);
    }
    Severity severity = f.choice("severity", Severity.class, Severity.WARNING);
    Duration forDuration = f.duration("for", Duration.ZERO);
    Duration clearFor = f.duration("clear_for", Duration.ZERO);
    Duration minFiring = f.duration("min_firing", Duration.ofMinutes(30));
    String summary = f.text("summary", null);
    String summaryKey = f.text("summary_key", null);
    String action = f.text("action", null);
    String actionKey = f.text("action_key", "");
    checkKey(f, "summary_key", summaryKey);
    checkKey(f, "action_key", actionKey);
    boolean fleet = f.flag("fleet", kind == RuleKind.NO_DATA);
    Detector detector = kind == null ? null : DetectorParser.parse(kind, f);
    if (!f.ok() || detector == null) {
      return null;
    }
    return new RuleSpec(model, id, metric, detector, severity, forDuration, clearFor, minFiring, summary,
        summaryKey, action, actionKey.isEmpty() ? null : actionKey, fleet, RuleDefinition.of(f.json()));
  }

  /** The notifier looks keys up as problem.<key> / action.<key>; catch a wrong shape at load, not at send. */
  private static void checkKey(Fields f, String field, String key) {
    if (key != null && !key.isEmpty() && !RuleSpec.KEY.matcher(key).matches()) {
      f.problem("'" + field + "' must be lower_snake_case ([a-z][a-z0-9_]*), a phrase-book key, not '" + key + "'");
    }
  }
}
