package io.forewarn.ops.incident;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Query;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Incidents as a tenant sees them (SQL functions incident_visible / incident_owned, migration V10),
 * and the three things people do to them. Each change writes its incident_events row in the same
 * transaction; resolving also writes the outbox row, so the notifier tells the customers.
 */
public final class IncidentStore {
  public static final List<String> STATES = List.of("pending", "firing", "resolved", "open");
  public static final List<String> SEVERITIES = List.of("info", "warning", "high", "critical");
  public static final List<String> KINDS = List.of("device_problem", "service_disruption", "planned_maintenance");

  static final String COLUMNS = "i.id, i.kind, i.rule_id, i.scope_type, i.scope_value, d.external_id AS device_id,"
      + " c.external_id AS customer_id, i.state, i.severity, i.summary, i.summary_key, i.details,"
      + " i.predicted_failure_at, i.fix_eta, i.parent_id, i.acknowledged_by, i.acknowledged_at, i.silenced_until,"
      + " i.opened_at, i.firing_at, i.resolved_at, i.updated_at, i.change_seq";
  static final String FROM = " FROM incidents i LEFT JOIN devices d ON d.id = i.device_id"
      + " LEFT JOIN customers c ON c.id = i.customer_id"
      + " WHERE incident_visible(i.device_id, i.customer_id, i.scope_type, i.scope_value, ?)";
  /** The outbox payload's incident, with the same fields the rules stage writes (rules IncidentJson). */
  private static final String PAYLOAD_COLUMNS = "id, fingerprint, kind, rule_id, scope_type, scope_value, device_id,"
      + " customer_id, state, severity, summary, summary_key, details, predicted_failure_at, parent_id, silenced_until,"
      + " opened_at, firing_at, resolved_at";

  /** List filters; null = any. state "open" = pending or firing. */
  public record Filter(String state, String severity, String kind, String device, Instant since, int limit,
      int offset) {}

  /** What a change did. */
  public sealed interface Change {
    record Done(JsonObject incident) implements Change {}
    record NotFound() implements Change {}
    record NotOwned() implements Change {}
    record AlreadyResolved() implements Change {}
  }

  private final Jdbc jdbc;
  private final Clock clock;

  public IncidentStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Future<JsonArray> list(int tenantId, Filter f) {
    Query q = new Query("SELECT " + COLUMNS + FROM, tenantId);
    if ("open".equals(f.state())) {
      q.and("i.state <> 'resolved'");
    } else {
      q.and("i.state = ?", f.state());
    }
    return q.and("i.severity = ?", f.severity())
        .and("i.kind = ?", f.kind())
        .and("d.external_id = ?", f.device())
        .and("i.updated_at >= ?", f.since())
        .page("i.opened_at DESC, i.id DESC", f.limit(), f.offset())
        .list(jdbc);
  }

  /** The incident with its event trail, or null when the tenant cannot see it. */
  public Future<JsonObject> get(int tenantId, long id) {
    return jdbc.call(c -> {
      JsonObject incident = one(c, tenantId, id);
      if (incident == null) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT at, type, actor, details FROM incident_events"
          + " WHERE incident_id = ? ORDER BY at, id")) {
        ps.setLong(1, id);
        incident.put("events", Rows.all(ps));
      }
      return incident;
    });
  }

  public Future<Change> acknowledge(int tenantId, long id, String actor) {
    return change(tenantId, id, actor, "acknowledged", new JsonObject(), c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET acknowledged_by = ?, acknowledged_at = ?,"
          + " updated_at = ? WHERE id = ?")) {
        Timestamp now = Timestamp.from(clock.instant());
        ps.setString(1, actor);
        ps.setTimestamp(2, now);
        ps.setTimestamp(3, now);
        ps.setLong(4, id);
        ps.executeUpdate();
      }
    });
  }

  public Future<Change> silence(int tenantId, long id, String actor, Instant until, String reason) {
    JsonObject details = new JsonObject().put("until", until.toString()).put("reason", reason);
    return change(tenantId, id, actor, "silenced", details, c -> {
      try (PreparedStatement ps = c
          .prepareStatement("UPDATE incidents SET silenced_until = ?, updated_at = ? WHERE id = ?")) {
        ps.setTimestamp(1, Timestamp.from(until));
        ps.setTimestamp(2, Timestamp.from(clock.instant()));
        ps.setLong(3, id);
        ps.executeUpdate();
      }
    });
  }

  public Future<Change> resolve(int tenantId, long id, String actor, String reason) {
    JsonObject details = new JsonObject().put("reason", reason).put("by", "operator");
    return change(tenantId, id, actor, "resolved", details, c -> {
      Timestamp now = Timestamp.from(clock.instant());
      try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET state = 'resolved', resolved_at = ?,"
          + " updated_at = ? WHERE id = ?")) {
        ps.setTimestamp(1, now);
        ps.setTimestamp(2, now);
        ps.setLong(3, id);
        ps.executeUpdate();
      }
    });
  }

  @FunctionalInterface
  private interface Update {
    void apply(Connection c) throws SQLException;
  }

  private Future<Change> change(int tenantId, long id, String actor, String eventType, JsonObject details,
      Update update) {
    return jdbc.transaction(c -> {
      String state;
      boolean owned;
      try (PreparedStatement ps = c.prepareStatement("SELECT i.state,"
          + " incident_owned(i.device_id, i.customer_id, i.scope_type, i.scope_value, ?),"
          + " incident_visible(i.device_id, i.customer_id, i.scope_type, i.scope_value, ?)"
          + " FROM incidents i WHERE i.id = ? FOR UPDATE")) {
        ps.setInt(1, tenantId);
        ps.setInt(2, tenantId);
        ps.setLong(3, id);
        try (var rs = ps.executeQuery()) {
          if (!rs.next() || !rs.getBoolean(3)) {
            return new Change.NotFound();
          }
          state = rs.getString(1);
          owned = rs.getBoolean(2);
        }
      }
      if (!owned) {
        return new Change.NotOwned();
      }
      if ("resolved".equals(state)) {
        return new Change.AlreadyResolved();
      }
      update.apply(c);
      long eventId;
      try (PreparedStatement ps = c
          .prepareStatement("INSERT INTO incident_events (incident_id, at, type, actor, details)"
              + " VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id")) {
        ps.setLong(1, id);
        ps.setTimestamp(2, Timestamp.from(clock.instant()));
        ps.setString(3, eventType);
        ps.setString(4, actor);
        ps.setString(5, details.encode());
        try (var rs = ps.executeQuery()) {
          rs.next();
          eventId = rs.getLong(1);
        }
      }
      if ("resolved".equals(eventType)) {
        outbox(c, id, eventId);
      }
      return new Change.Done(one(c, tenantId, id));
    });
  }

  private static void outbox(Connection c, long id, long eventId) throws SQLException {
    JsonObject incident;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + PAYLOAD_COLUMNS + " FROM incidents WHERE id = ?")) {
      ps.setLong(1, id);
      incident = Rows.first(ps);
    }
    JsonObject payload = new JsonObject().put("transition", "resolved").put("incident", incident);
    if (incident.getValue("device_id") == null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT d.id FROM devices d, incidents i WHERE i.id = ?"
          + " AND device_in_scope(d, i.scope_type, i.scope_value) ORDER BY d.id")) {
        ps.setLong(1, id);
        JsonArray ids = new JsonArray();
        Rows.all(ps).forEach(r -> ids.add(((JsonObject) r).getValue("id")));
        payload.put("affected_device_ids", ids);
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (incident_id, event_id, transition, payload)"
        + " VALUES (?, ?, 'resolved', ?::jsonb)")) {
      ps.setLong(1, id);
      ps.setLong(2, eventId);
      ps.setString(3, payload.encode());
      ps.executeUpdate();
    }
  }

  private static JsonObject one(Connection c, int tenantId, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + " AND i.id = ?")) {
      ps.setInt(1, tenantId);
      ps.setLong(2, id);
      return Rows.first(ps);
    }
  }
}
