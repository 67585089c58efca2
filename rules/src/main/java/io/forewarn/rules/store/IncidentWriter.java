package io.forewarn.rules.store;

import io.forewarn.rules.engine.Incident;
import io.forewarn.rules.engine.Transition;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;

/**
 * Applies engine transitions to incidents, incident_events and outbox inside the caller's transaction.
 * Opening uses the partial unique index (one open incident per fingerprint): if another instance
 * opened it first, this one adopts that row and writes nothing for it, so nobody is told twice.
 */
final class IncidentWriter {
  private static final String INSERT = "INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value,"
      + " device_id, customer_id, state, severity, summary, summary_key, details, predicted_failure_at, parent_id,"
      + " silenced_until, opened_at, firing_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?,?,?,?,?)"
      + " ON CONFLICT (fingerprint) WHERE state <> 'resolved' DO NOTHING RETURNING id";

  private final Map<String, Long> ids; // fingerprint -> id of its open row
  private final String rulesVersion;

  /** @param rulesVersion the rules judging now: recorded in the events of resolutions */
  IncidentWriter(Map<String, Long> openIds, String rulesVersion) {
    this.ids = openIds;
    this.rulesVersion = rulesVersion;
  }

  /** Returns the number of outbox rows written. */
  int apply(Connection c, Transition t) throws SQLException {
    Incident i = t.incident();
    Instant at = switch (t.type()) {
      case RESOLVED -> i.resolvedAt();
      case OPENED -> i.firingAt();
      default -> Instant.now();
    };
    switch (t.type()) {
      case OPENED -> {
        Long id = insert(c, i);
        if (id == null) {
          ids.put(i.fingerprint(), existing(c, i.fingerprint()));
          return 0;
        }
        ids.put(i.fingerprint(), id);
        long event = event(c, id, "opened", at, new JsonObject().put("summary", i.summary()));
        if (i.suppressedUntil() != null) {
          event(c, id, "silenced", at, new JsonObject().put("until", i.suppressedUntil().toString()));
        }
        return t.tell() ? outbox(c, id, event, "opened", i, null) : 0;
      }
      case ABSORBED -> {
        Long id = ids.get(i.fingerprint());
        Long parent = ids.get(i.parentFingerprint());
        if (id == null || parent == null) {
          return 0;
        }
        update(c, "UPDATE incidents SET parent_id = ?, updated_at = now() WHERE id = ?", parent, id);
        event(c, id, "absorbed", at, new JsonObject().put("parent_id", parent));
        return 0;
      }
      case UPDATED, RELEASED -> {
        Long id = ids.get(i.fingerprint());
        if (id == null) {
          return 0;
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE incidents SET details = ?::jsonb, silenced_until = ?,"
            + " updated_at = now() WHERE id = ?")) {
          u.setString(1, new JsonObject(i.details()).encode());
          u.setTimestamp(2, i.suppressedUntil() == null ? null : Timestamp.from(i.suppressedUntil()));
          u.setLong(3, id);
          u.executeUpdate();
        }
        long event = event(c, id, "updated", at,
            new JsonObject().put("released", t.type() == Transition.Type.RELEASED));
        // A released incident is news to the notifier: it was never announced while suppressed.
        return t.tell() ? outbox(c, id, event, t.type() == Transition.Type.RELEASED ? "opened" : "updated", i, null)
            : 0;
      }
      case RESOLVED -> {
        Long id = ids.remove(i.fingerprint());
        if (id == null) {
          return 0;
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE incidents SET state = 'resolved', resolved_at = ?,"
            + " updated_at = now() WHERE id = ? AND state <> 'resolved'")) {
          u.setTimestamp(1, Timestamp.from(at));
          u.setLong(2, id);
          if (u.executeUpdate() == 0) {
            return 0; // another instance resolved it already
          }
        }
        JsonObject why = new JsonObject().put("rules_version", rulesVersion);
        if (t.reason() != null) {
          why.put("reason", t.reason());
        }
        long event = event(c, id, "resolved", at, why);
        return t.tell() ? outbox(c, id, event, "resolved", i, t.reason()) : 0;
      }
    }
    return 0;
  }

  private Long insert(Connection c, Incident i) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(INSERT)) {
      q.setString(1, i.fingerprint());
      q.setString(2, i.kind());
      q.setString(3, i.ruleId());
      q.setString(4, i.scopeType());
      q.setString(5, i.scopeValue());
      q.setObject(6, i.deviceId(), Types.INTEGER);
      q.setObject(7, i.customerId(), Types.BIGINT);
      q.setString(8, i.state());
      q.setString(9, i.severity());
      q.setString(10, i.summary());
      q.setString(11, i.summaryKey());
      q.setString(12, new JsonObject(i.details()).encode());
      q.setTimestamp(13, i.predictedFailureAt() == null ? null : Timestamp.from(i.predictedFailureAt()));
      q.setObject(14, i.parentFingerprint() == null ? null : ids.get(i.parentFingerprint()), Types.BIGINT);
      q.setTimestamp(15, i.suppressedUntil() == null ? null : Timestamp.from(i.suppressedUntil()));
      q.setTimestamp(16, Timestamp.from(i.openedAt()));
      q.setTimestamp(17, Timestamp.from(i.firingAt()));
      q.setTimestamp(18, Timestamp.from(i.firingAt()));
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static Long existing(Connection c, String fingerprint) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT id FROM incidents WHERE fingerprint = ? AND state <> 'resolved'")) {
      q.setString(1, fingerprint);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void update(Connection c, String sql, long a, long b) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(sql)) {
      u.setLong(1, a);
      u.setLong(2, b);
      u.executeUpdate();
    }
  }

  private static long event(Connection c, long incident, String type, Instant at, JsonObject details)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement("INSERT INTO incident_events (incident_id, at, type, details)"
        + " VALUES (?, ?, ?, ?::jsonb) RETURNING id")) {
      q.setLong(1, incident);
      q.setTimestamp(2, Timestamp.from(at));
      q.setString(3, type);
      q.setString(4, details.encode());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private int outbox(Connection c, long incident, long event, String transition, Incident i, String reason)
      throws SQLException {
    JsonObject payload = IncidentJson.outboxPayload(transition, i, incident,
        i.parentFingerprint() == null ? null : ids.get(i.parentFingerprint()));
    if (reason != null) {
      payload.put("reason", reason); // e.g. rule_removed: resolved because nothing judges it any more
    }
    try (PreparedStatement q = c.prepareStatement("INSERT INTO outbox (incident_id, event_id, transition, payload)"
        + " VALUES (?, ?, ?, ?::jsonb)")) {
      q.setLong(1, incident);
      q.setLong(2, event);
      q.setString(3, transition);
      q.setString(4, payload.encode());
      return q.executeUpdate();
    }
  }
}
