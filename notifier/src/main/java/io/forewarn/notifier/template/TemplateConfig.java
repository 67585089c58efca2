package io.forewarn.notifier.template;

import io.forewarn.common.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Template settings.
 *
 * @param overrideDir operators' template directory ({@code null}: shipped templates only)
 * @param languages languages we write in; every template must exist in each
 * @param defaultLanguage used for customers whose language we do not write in
 * @param maxSmsSegments longest SMS we send, in segments
 * @param brand our name as customers know it
 * @param operationsLanguage language of helpdesk tickets
 * @param operationsZone time zone used for times in tickets
 * @param incidentUrl link from a ticket back to the incident, {@code {id}} standing for its id
 *     (e.g. {@code https://ops.example.com/incidents/{id}}); {@code null}: tickets carry no link
 */
public record TemplateConfig(Path overrideDir, List<Locale> languages, Locale defaultLanguage, int maxSmsSegments,
    String brand, Locale operationsLanguage, ZoneId operationsZone, String incidentUrl) {
  /** Stands for the incident id in {@code FOREWARN_NOTIFIER_INCIDENT_URL}. */
  public static final String INCIDENT_ID_MARK = "{id}";

  /** Without a link back from tickets. */
  public TemplateConfig(Path overrideDir, List<Locale> languages, Locale defaultLanguage, int maxSmsSegments,
      String brand, Locale operationsLanguage, ZoneId operationsZone) {
    this(overrideDir, languages, defaultLanguage, maxSmsSegments, brand, operationsLanguage, operationsZone, null);
  }

  public TemplateConfig {
    languages = List.copyOf(languages);
    Objects.requireNonNull(defaultLanguage, "defaultLanguage");
    Objects.requireNonNull(operationsLanguage, "operationsLanguage");
    Objects.requireNonNull(operationsZone, "operationsZone");
    if (!languages.contains(defaultLanguage) || !languages.contains(operationsLanguage)) {
      throw new IllegalArgumentException("default and operations languages must be among " + languages);
    }
    if (maxSmsSegments < 1 || maxSmsSegments > 10) {
      throw new IllegalArgumentException("max SMS segments must be 1..10, was " + maxSmsSegments);
    }
    if (brand == null || brand.isBlank()) {
      throw new IllegalArgumentException("brand must not be blank");
    }
    if (incidentUrl != null && !validIncidentUrl(incidentUrl)) {
      throw new IllegalArgumentException("incident URL must be http(s) and contain " + INCIDENT_ID_MARK);
    }
  }

  private static boolean validIncidentUrl(String url) {
    return (url.startsWith("https://") || url.startsWith("http://")) && url.contains(INCIDENT_ID_MARK);
  }

  /** The link to one incident, or {@code null} when none is configured. */
  public String incidentLink(String incidentId) {
    return incidentUrl == null ? null : incidentUrl.replace(INCIDENT_ID_MARK,
        java.net.URLEncoder.encode(incidentId, java.nio.charset.StandardCharsets.UTF_8));
  }

  public static TemplateConfig defaults() {
    return new TemplateConfig(null, List.of(Locale.ENGLISH, Locale.of("ru")), Locale.ENGLISH, 4, "Forewarn",
        Locale.ENGLISH, ZoneId.of("UTC"));
  }

  /** Reads the {@code FOREWARN_NOTIFIER_*} template settings; problems are recorded on {@code r}. */
  public static TemplateConfig read(ConfigReader r) {
    TemplateConfig d = defaults();
    String dir = r.string("FOREWARN_NOTIFIER_TEMPLATE_DIR", null);
    Path overrideDir = null;
    if (dir != null) {
      overrideDir = Path.of(dir);
      r.check(Files.isDirectory(overrideDir), "FOREWARN_NOTIFIER_TEMPLATE_DIR=" + dir + " is not a directory");
    }
    List<Locale> languages = new ArrayList<>();
    for (String tag : r.string("FOREWARN_NOTIFIER_LANGUAGES", "en,ru").split(",")) {
      String code = tag.strip().toLowerCase(Locale.ROOT);
      if (code.matches("[a-z]{2,3}")) {
        languages.add(Locale.of(code));
      } else {
        r.check(false, "FOREWARN_NOTIFIER_LANGUAGES has '" + tag.strip() + "', not a language code such as en");
      }
    }
    Locale defaultLanguage = Locale.of(r.string("FOREWARN_NOTIFIER_DEFAULT_LANGUAGE", "en").toLowerCase(Locale.ROOT));
    r.check(languages.contains(defaultLanguage), "FOREWARN_NOTIFIER_DEFAULT_LANGUAGE=" + defaultLanguage
        + " must be one of FOREWARN_NOTIFIER_LANGUAGES " + languages);
    String ops = r.string("FOREWARN_NOTIFIER_OPS_LANGUAGE", null);
    Locale opsLanguage = ops == null ? defaultLanguage : Locale.of(ops.toLowerCase(Locale.ROOT));
    if (ops != null) {
      r.check(languages.contains(opsLanguage), "FOREWARN_NOTIFIER_OPS_LANGUAGE=" + opsLanguage
          + " must be one of FOREWARN_NOTIFIER_LANGUAGES " + languages);
    }
    int segments = r.integer("FOREWARN_NOTIFIER_SMS_MAX_SEGMENTS", d.maxSmsSegments(), 1, 10);
    String brand = r.string("FOREWARN_NOTIFIER_BRAND", d.brand());
    ZoneId zone = d.operationsZone();
    String zoneName = r.string("FOREWARN_NOTIFIER_OPS_TIME_ZONE", null);
    if (zoneName != null) {
      try {
        zone = ZoneId.of(zoneName);
      } catch (DateTimeException e) {
        r.check(false, "FOREWARN_NOTIFIER_OPS_TIME_ZONE=" + zoneName + " is not an IANA zone such as Europe/Moscow");
      }
    }
    String incidentUrl = r.string("FOREWARN_NOTIFIER_INCIDENT_URL", null);
    r.check(incidentUrl == null || validIncidentUrl(incidentUrl), "FOREWARN_NOTIFIER_INCIDENT_URL=" + incidentUrl
        + " must be an http(s) URL containing " + INCIDENT_ID_MARK + ", e.g. https://ops.example.com/incidents/{id}");
    if (!languages.contains(defaultLanguage) || !languages.contains(opsLanguage)
        || incidentUrl != null && !validIncidentUrl(incidentUrl)) {
      return d; // the problems above are reported; never build an invalid record
    }
    return new TemplateConfig(overrideDir, languages, defaultLanguage, segments, brand, opsLanguage, zone,
        incidentUrl);
  }
}
