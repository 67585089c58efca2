package io.forewarn.notifier.template;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.AffectedScope;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a notice into placeholder values in one language and time zone: phrases for keys, times
 * as "18:00 today" / "сегодня в 18:00", durations as "3 hours 20 minutes" / "3 часа 20 минут".
 * A value that would be empty is left out, so the section around it disappears instead.
 */
final class MessageValues {
  private final Clock clock;
  private final String brand;
  private final java.util.function.Function<String, String> incidentLink;

  MessageValues(Clock clock, String brand, java.util.function.Function<String, String> incidentLink) {
    this.clock = clock;
    this.brand = brand;
    this.incidentLink = incidentLink;
  }

  Map<String, String> build(IncidentNotice n, Transition template, Phrasebook phrases, ZoneId zone,
      String gestureKey, SurveyKind survey) throws RenderException {
    Map<String, String> v = new HashMap<>();
    v.put("brand", brand);
    v.put("customer.name", n.customer().name());
    v.put("customer.id", n.customer().id());
    put(v, "customer.phone", n.customer().phone());
    put(v, "customer.email", n.customer().email());
    v.put("incident.id", n.incidentId());
    put(v, "incident.url", incidentLink.apply(n.incidentId()));
    v.put("severity", phrases.render("severity." + n.severity().name().toLowerCase(Locale.ROOT), Map.of()));
    v.put("noticed_at", when(n.occurredAt(), phrases, zone));
    v.put("problem", phrases.render("problem." + n.summary().key(), n.summary().parameters()));
    v.put("problem.key", n.summary().key());
    put(v, "problem.details", details(n.summary().parameters()));
    if (n.device() != null) {
      v.put("device.model", n.device().model());
      v.put("device.id", n.device().externalId());
      v.put("product", phrases.productName(n.device().model()));
    }
    switch (n.scope()) {
      case AffectedScope.Area area -> v.put("region", area.name());
      case AffectedScope.Firmware firmware -> {
        v.put("product", phrases.productName(firmware.model()));
        v.put("firmware", firmware.scopeValue());
        v.put("firmware.version", firmware.version());
      }
      case null -> {
      }
    }
    if (n.predictedFailureAt() != null) {
      v.put("failure_by", when(n.predictedFailureAt(), phrases, zone));
    }
    if (n.fixEta() != null && template != Transition.RESOLVED) {
      v.put("eta", when(n.fixEta(), phrases, zone));
    }
    if (n.suggestedActionKey() != null) {
      v.put("action", phrases.render("action." + n.suggestedActionKey(), Map.of()));
    }
    if (n.maintenance() != null) {
      v.put("window.start", when(n.maintenance().start(), phrases, zone));
      v.put("window.end", when(n.maintenance().end(), phrases, zone));
    }
    if (template == Transition.RESOLVED && n.resolution() != null) {
      v.put("duration", duration(n.resolution().impact(), phrases));
      v.put("resolved_at", when(n.resolution().resolvedAt(), phrases, zone));
      if (gestureKey != null) {
        v.put("gesture", phrases.render("gesture." + gestureKey, Map.of()));
      }
      if (survey != null) {
        v.put("survey", phrases.render(survey.phraseKey(), Map.of()));
      }
    }
    return v;
  }

  /** "18:00 today", "09:30 tomorrow" or "18:00 on Tue 14 May", as the phrase book words it. */
  String when(Instant instant, Phrasebook phrases, ZoneId zone) throws RenderException {
    Locale locale = phrases.language();
    ZonedDateTime at = instant.atZone(zone);
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    String time = at.format(DateTimeFormatter.ofPattern(phrases.raw("format.time").orElse("HH:mm"), locale));
    String date = at.format(DateTimeFormatter.ofPattern(phrases.raw("format.date").orElse("d MMM"), locale));
    String key = at.toLocalDate().equals(today) ? "when.today"
        : at.toLocalDate().equals(today.plusDays(1)) ? "when.tomorrow" : "when.other";
    return phrases.render(key, Map.of("time", time, "date", date));
  }

  /** The two largest non-zero units, e.g. "2 days 4 hours", "45 minutes". */
  static String duration(Duration d, Phrasebook phrases) throws RenderException {
    if (d.toMinutes() < 1) {
      return phrases.render("duration.less_than_minute", Map.of());
    }
    long[] amounts = {d.toDays(), d.toHoursPart(), d.toMinutesPart()};
    String[] units = {"unit.day", "unit.hour", "unit.minute"};
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < amounts.length && parts.size() < 2; i++) {
      if (amounts[i] > 0) {
        parts.add(amounts[i] + " " + phrases.unit(units[i], amounts[i]));
      } else if (!parts.isEmpty()) {
        break;
      }
    }
    return String.join(" ", parts);
  }

  private static String details(Map<String, String> parameters) {
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(parameters).forEach((k, val) -> pairs.add(k + "=" + val));
    return String.join(", ", pairs);
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null && !value.isBlank()) {
      values.put(key, value);
    }
  }
}
