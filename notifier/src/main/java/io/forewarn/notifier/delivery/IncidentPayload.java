package io.forewarn.notifier.delivery;

import io.forewarn.notifier.outreach.Device;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.MaintenanceWindow;
import io.forewarn.notifier.outreach.ProblemSummary;
import io.forewarn.notifier.outreach.Resolution;
import io.forewarn.notifier.outreach.Severity;
import io.forewarn.notifier.outreach.Transition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One outbox row as the notifier reads it: the payload the rules stage wrote (see
 * V3__incidents.sql) plus the outbox id, which serves as the notice revision because it grows with
 * every change of the incident.
 *
 * @param device the incident's device (external id and model) when it has one, else {@code null}
 */
public record IncidentPayload(long outboxId, Instant createdAt, JsonObject payload, Device device) {

  public JsonObject incident() {
    JsonObject incident = payload.getJsonObject("incident");
    if (incident == null) {
      throw new IllegalArgumentException("outbox " + outboxId + " payload has no 'incident'");
    }
    return incident;
  }

  public long incidentId() {
    return incident().getLong("id");
  }

  public Transition transition() {
    return Transition.valueOf(payload.getString("transition", "").toUpperCase(Locale.ROOT));
  }

  public IncidentKind kind() {
    return IncidentKind.valueOf(incident().getString("kind", "").toUpperCase(Locale.ROOT));
  }

  /** The rules stage's info/warning/high/critical on the notifier's scale. */
  public Severity severity() {
    String raw = incident().getString("severity", "");
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "info", "low" -> Severity.LOW;
      case "warning", "medium" -> Severity.MEDIUM;
      case "high" -> Severity.HIGH;
      case "critical" -> Severity.CRITICAL;
      default -> throw new IllegalArgumentException("unknown severity '" + raw + "'");
    };
  }

  /** A device incident absorbed into a service disruption: the disruption speaks for it. */
  public boolean absorbed() {
    return incident().getValue("parent_id") != null;
  }

  public Long customerId() {
    return incident().getLong("customer_id");
  }

  public Integer deviceId() {
    return incident().getInteger("device_id");
  }

  public String scopeType() {
    return incident().getString("scope_type");
  }

  public String scopeValue() {
    return incident().getString("scope_value");
  }

  /** The devices a disruption covers, or {@code null} when the payload does not list them. */
  public List<Integer> affectedDeviceIds() {
    JsonArray ids = payload.getJsonArray("affected_device_ids");
    if (ids == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.add(((Number) ids.getValue(i)).intValue());
    }
    return out;
  }

  public Instant occurredAt() {
    Instant updated = time("updated_at");
    return updated != null ? updated : createdAt;
  }

  public Instant fixEta() {
    return time("fix_eta");
  }

  public Instant predictedFailureAt() {
    return time("predicted_failure_at");
  }

  public ProblemSummary summary() {
    Map<String, String> parameters = new LinkedHashMap<>();
    JsonObject details = incident().getJsonObject("details", new JsonObject());
    details.forEach(e -> {
      if (e.getValue() != null && !(e.getValue() instanceof JsonObject) && !(e.getValue() instanceof JsonArray)) {
        parameters.put(e.getKey(), String.valueOf(e.getValue()));
      }
    });
    return new ProblemSummary(incident().getString("summary_key"), parameters);
  }

  public String suggestedActionKey() {
    JsonObject details = incident().getJsonObject("details", new JsonObject());
    Object action = details.getValue("action_key");
    return action instanceof String s && s.matches("[a-z][a-z0-9_]*") ? s : null;
  }

  public MaintenanceWindow maintenanceWindow() {
    JsonObject details = incident().getJsonObject("details", new JsonObject());
    Instant start = parseTime(details.getValue("window_start"));
    Instant end = parseTime(details.getValue("window_end"));
    if (start == null || end == null) {
      start = time("opened_at");
      end = fixEta();
    }
    if (start == null || end == null) {
      throw new IllegalArgumentException("planned maintenance without a window (details.window_start/_end or fix_eta)");
    }
    return new MaintenanceWindow(start, end);
  }

  public Resolution resolution() {
    Instant resolved = time("resolved_at");
    Instant at = resolved != null ? resolved : occurredAt();
    Instant began = time("firing_at") != null ? time("firing_at") : time("opened_at");
    Duration impact = began == null || began.isAfter(at) ? Duration.ZERO : Duration.between(began, at);
    return new Resolution(at, impact);
  }

  private Instant time(String field) {
    return parseTime(incident().getValue(field));
  }

  /** ISO-8601 with an offset (what to_jsonb writes), PostgreSQL's text form, or epoch millis. */
  static Instant parseTime(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return Instant.ofEpochMilli(n.longValue());
    }
    String text = value.toString().strip().replace(' ', 'T');
    if (text.matches(".*[+-]\\d\\d$")) {
      text = text + ":00";
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(text);
    }
  }
}
