package io.forewarn.notifier.template;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders every template for a sample incident in every language, so operators see exactly what
 * customers and agents will get, and runs the same checks the service runs at start-up.
 *
 * <pre>
 * PreviewCommand [--templates DIR] [--max-sms-segments N] [--now 2025-03-14T09:00:00Z]
 *                [--only PATH-PREFIX] [--gesture KEY]
 * </pre>
 *
 * Exit status: 0 all templates fine, 1 template problems (listed), 2 bad arguments.
 */
public final class PreviewCommand {
  private final PrintStream out;
  private final PrintStream err;

  public PreviewCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int status = new PreviewCommand(System.out, System.err).run(args, System.getenv());
    System.exit(status);
  }

  record Options(Path templates, int maxSegments, Instant now, String only, String gesture) {}

  public int run(String[] args, Map<String, String> env) {
    Options options;
    try {
      options = parse(args, env);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println("usage: PreviewCommand [--templates DIR] [--max-sms-segments N] [--now INSTANT]"
          + " [--only PATH-PREFIX] [--gesture KEY]");
      return 2;
    }
    TemplateConfig defaults = TemplateConfig.defaults();
    TemplateConfig config;
    try {
      config = new TemplateConfig(options.templates(), defaults.languages(), defaults.defaultLanguage(),
          options.maxSegments(), env.getOrDefault("FOREWARN_NOTIFIER_BRAND", defaults.brand()),
          defaults.operationsLanguage(), defaults.operationsZone(), env.get("FOREWARN_NOTIFIER_INCIDENT_URL"));
    } catch (IllegalArgumentException e) {
      err.println("FOREWARN_NOTIFIER_INCIDENT_URL: " + e.getMessage());
      return 2;
    }
    Set<String> gestures = Set.of(options.gesture());
    TemplateCatalog catalog;
    try {
      catalog = TemplateCatalog.load(new TemplateSource(config.overrideDir(), PreviewCommand.class.getClassLoader()),
          config.languages(), config.defaultLanguage(), gestures);
    } catch (TemplateCheckException e) {
      err.println(e.getMessage());
      return 1;
    }
    MessageRenderer renderer = new MessageRenderer(catalog, Clock.fixed(options.now(), ZoneOffset.UTC),
        config.brand(), config.maxSmsSegments(), config::incidentLink);
    TemplateCheck.Report report = TemplateCheck.run(renderer, gestures, options.now());
    out.println("Templates: " + (options.templates() == null ? "shipped defaults" : options.templates()
        + " (over the shipped defaults)") + "; sample incidents at " + options.now()
        + "; SMS limit " + options.maxSegments() + " segments");
    for (RenderedMessage message : report.rendered()) {
      if (message.key().path().startsWith(options.only())) {
        print(message);
      }
    }
    report.warnings().forEach(w -> out.println("WARNING " + w));
    report.errors().forEach(e -> err.println("ERROR " + e));
    out.println(report.rendered().size() + " messages rendered, " + report.warnings().size() + " warnings, "
        + report.errors().size() + " errors");
    return report.errors().isEmpty() ? 0 : 1;
  }

  private void print(RenderedMessage message) {
    out.println();
    out.println("=== " + message.key().path() + " ===");
    if (message.subject() != null) {
      out.println("Subject: " + message.subject());
      out.println();
    }
    out.println(message.text());
    if (message.sms() != null) {
      SmsLength sms = message.sms();
      out.printf(Locale.ROOT, "[sms: %s, %d characters, %d units, %d segment%s%s]%n", sms.encoding(),
          message.text().codePointCount(0, message.text().length()), sms.units(), sms.segments(),
          sms.segments() == 1 ? "" : "s",
          message.droppedSections() > 0 ? ", shortened by " + message.droppedSections() + " optional part(s)" : "");
    }
  }

  static Options parse(String[] args, Map<String, String> env) {
    String dir = env.get("FOREWARN_NOTIFIER_TEMPLATE_DIR");
    int segments = TemplateConfig.defaults().maxSmsSegments();
    Instant now = Instant.now();
    String only = "";
    String gesture = "service_credit";
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--templates" -> dir = value;
        case "--max-sms-segments" -> segments = parseSegments(value);
        case "--now" -> now = parseInstant(value);
        case "--only" -> only = value;
        case "--gesture" -> gesture = value;
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    Path templates = dir == null || dir.isBlank() ? null : Path.of(dir);
    if (templates != null && !Files.isDirectory(templates)) {
      throw new IllegalArgumentException(templates + " is not a directory");
    }
    return new Options(templates, segments, now, only, gesture);
  }

  private static int parseSegments(String value) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 10) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("--max-sms-segments must be a whole number 1..10, was " + value);
  }

  private static Instant parseInstant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--now must be an ISO instant such as 2025-03-14T09:00:00Z, was " + value);
    }
  }
}
