package io.forewarn.notifier.maintenance;

import io.forewarn.notifier.delivery.Jdbc;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns maintenance windows that operations declared ({@code suppressions} rows with type
 * 'maintenance' and {@code announce = true}) into a planned_maintenance incident and its outbox
 * rows: 'opened' once the start is within the advance notice, 'updated' when the window moves,
 * 'resolved' when it has ended. The outbox consumer then plans and sends them like any other
 * incident. Each step is one transaction with {@code SKIP LOCKED}, and the primary key of
 * {@code maintenance_announcements} stops two instances announcing one window twice. Blocking
 * JDBC: run it on a worker.
 */
public final class MaintenanceAnnouncer {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceAnnouncer.class);

  /** Phrase used when the window's reason names no maintenance phrase of the phrase book. */
  public static final String DEFAULT_PROBLEM_KEY = "maintenance_network";
  private static final Pattern PROBLEM_KEY = Pattern.compile("maintenance_[a-z0-9_]{1,60}");
  /** Maintenance is announced, not alarmed: 'warning' is the rules stage's medium. */
  private static final String SEVERITY = "warning";

  private static final String DUE = "SELECT s.id, s.scope_type, s.scope_value, s.starts_at, s.ends_at, s.reason,"
      + " s.created_by FROM suppressions s WHERE s.type = 'maintenance' AND s.announce AND s.ends_at > now()"
      + " AND s.starts_at <= now() + make_interval(secs => ?)"
      + " AND NOT EXISTS (SELECT 1 FROM maintenance_announcements a WHERE a.suppression_id = s.id)"
      + " ORDER BY s.starts_at, s.id LIMIT ? FOR UPDATE OF s SKIP LOCKED";
  private static final String INCIDENT = "INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value,"
      + " state, severity, summary, summary_key, details, fix_eta, opened_at, updated_at) VALUES (?, 'planned_maintenance',"
      + " 'maintenance', ?, ?, 'pending', '" + SEVERITY + "', ?, ?, jsonb_build_object('window_start', ?::timestamptz,"
      + " 'window_end', ?::timestamptz, 'suppression_id', ?::bigint), ?, now(), now()) RETURNING id";
  private static final String ANNOUNCED = "INSERT INTO maintenance_announcements (suppression_id, incident_id,"
      + " window_start, window_end, announced_at, announced_by) VALUES (?, ?, ?, ?, now(), ?)";
  private static final String MOVED = "SELECT a.suppression_id, a.incident_id, s.starts_at, s.ends_at, a.window_end"
      + " FROM maintenance_announcements a JOIN suppressions s ON s.id = a.suppression_id WHERE a.resolved_at IS NULL"
      + " AND s.ends_at > now() AND (s.starts_at <> a.window_start OR s.ends_at <> a.window_end)"
      + " ORDER BY a.suppression_id LIMIT ? FOR UPDATE OF a SKIP LOCKED";
  private static final String MOVE_INCIDENT = "UPDATE incidents SET details = details || jsonb_build_object("
      + "'window_start', ?::timestamptz, 'window_end', ?::timestamptz), fix_eta = ?, updated_at = now() WHERE id = ?";
  private static final String MOVE_ANNOUNCEMENT = "UPDATE maintenance_announcements SET window_start = ?,"
      + " window_end = ? WHERE suppression_id = ?";
  private static final String ENDED = "SELECT a.suppression_id, a.incident_id, s.starts_at, s.ends_at"
      + " FROM maintenance_announcements a JOIN suppressions s ON s.id = a.suppression_id"
      + " WHERE a.resolved_at IS NULL AND s.ends_at <= now() ORDER BY a.suppression_id LIMIT ?"
      + " FOR UPDATE OF a SKIP LOCKED";
  // The outage customers lived through is the window itself, not the time since the announcement.
  private static final String RESOLVE_INCIDENT = "UPDATE incidents SET state = 'resolved', firing_at = ?,"
      + " resolved_at = ?, updated_at = now() WHERE id = ? AND state <> 'resolved'";
  private static final String RESOLVE_ANNOUNCEMENT = "UPDATE maintenance_announcements SET resolved_at = now()"
      + " WHERE suppression_id = ?";
  // The event and the outbox row in one statement; the payload is the incident row as it now is.
  private static final String OUTBOX = "WITH e AS (INSERT INTO incident_events (incident_id, at, type, actor, details)"
      + " VALUES (?, now(), ?, 'operations', jsonb_build_object('suppression_id', ?::bigint)) RETURNING id)"
      + " INSERT INTO outbox (incident_id, event_id, transition, payload) SELECT i.id, e.id, ?,"
      + " jsonb_build_object('transition', ?, 'incident', to_jsonb(i)) || ?::jsonb FROM incidents i, e WHERE i.id = ?";

  /** What one round did. */
  public record Round(int opened, int updated, int resolved) {
    public int total() {
      return opened + updated + resolved;
    }
  }

  private final Jdbc jdbc;
  private final MaintenanceConfig config;
  private final String instanceId;

  public MaintenanceAnnouncer(Jdbc jdbc, MaintenanceConfig config, String instanceId) {
    this.jdbc = jdbc;
    this.config = config;
    this.instanceId = instanceId;
  }

  /** One round: open what is due, update what moved, resolve what ended (each its own transaction). */
  public Round run() {
    int opened = jdbc.inTransaction(this::openDue);
    int updated = jdbc.inTransaction(this::updateMoved);
    int resolved = jdbc.inTransaction(this::resolveEnded);
    return new Round(opened, updated, resolved);
  }

  /** The phrase-book key for a window's reason: the reason itself if it names one, else the default. */
  static String problemKey(String reason) {
    String r = reason == null ? "" : reason.strip();
    return PROBLEM_KEY.matcher(r).matches() ? r : DEFAULT_PROBLEM_KEY;
  }

  private int openDue(Connection c) throws SQLException {
    record Window(long id, String scopeType, String scopeValue, Timestamp start, Timestamp end, String reason,
        String by) {}
    List<Window> due = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(DUE)) {
      ps.setDouble(1, config.advance().toMillis() / 1000d);
      ps.setInt(2, config.batch());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(new Window(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5),
              rs.getString(6), rs.getString(7)));
        }
      }
    }
    for (Window w : due) {
      long incident;
      try (PreparedStatement ps = c.prepareStatement(INCIDENT)) {
        ps.setString(1, "maintenance:" + w.id());
        ps.setString(2, w.scopeType());
        ps.setString(3, w.scopeValue());
        ps.setString(4, w.reason());
        ps.setString(5, problemKey(w.reason()));
        ps.setTimestamp(6, w.start());
        ps.setTimestamp(7, w.end());
        ps.setLong(8, w.id());
        ps.setTimestamp(9, w.end());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          incident = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(ANNOUNCED)) {
        ps.setLong(1, w.id());
        ps.setLong(2, incident);
        ps.setTimestamp(3, w.start());
        ps.setTimestamp(4, w.end());
        ps.setString(5, instanceId);
        ps.executeUpdate();
      }
      outbox(c, incident, w.id(), "opened", "{}");
      LOG.info("[maintenance: {}] announcing {} {}:{} {}..{} (declared by {}) as incident {}", w.id(), w.reason(),
          w.scopeType(), w.scopeValue(), w.start().toInstant(), w.end().toInstant(), w.by(), incident);
    }
    return due.size();
  }

  private int updateMoved(Connection c) throws SQLException {
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(MOVED)) {
      ps.setInt(1, config.batch());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long window = rs.getLong(1);
          long incident = rs.getLong(2);
          Timestamp start = rs.getTimestamp(3);
          Timestamp end = rs.getTimestamp(4);
          Timestamp was = rs.getTimestamp(5);
          try (PreparedStatement u = c.prepareStatement(MOVE_INCIDENT)) {
            u.setTimestamp(1, start);
            u.setTimestamp(2, end);
            u.setTimestamp(3, end);
            u.setLong(4, incident);
            u.executeUpdate();
          }
          try (PreparedStatement u = c.prepareStatement(MOVE_ANNOUNCEMENT)) {
            u.setTimestamp(1, start);
            u.setTimestamp(2, end);
            u.setLong(3, window);
            u.executeUpdate();
          }
          // Whether customers hear of it is the planner's call (ETA moved by more than the threshold).
          outbox(c, incident, window, "updated", new JsonObject().put("previous",
              new JsonObject().put("fix_eta", was.toInstant().toString()).put("severity", SEVERITY))
              .encode());
          LOG.info("[maintenance: {}] window moved to {}..{}", window, start.toInstant(), end.toInstant());
          n++;
        }
      }
    }
    return n;
  }

  private int resolveEnded(Connection c) throws SQLException {
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(ENDED)) {
      ps.setInt(1, config.batch());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long window = rs.getLong(1);
          long incident = rs.getLong(2);
          try (PreparedStatement u = c.prepareStatement(RESOLVE_INCIDENT)) {
            u.setTimestamp(1, rs.getTimestamp(3));
            u.setTimestamp(2, rs.getTimestamp(4));
            u.setLong(3, incident);
            u.executeUpdate();
          }
          try (PreparedStatement u = c.prepareStatement(RESOLVE_ANNOUNCEMENT)) {
            u.setLong(1, window);
            u.executeUpdate();
          }
          outbox(c, incident, window, "resolved", "{}");
          LOG.info("[maintenance: {}] window ended; incident {} resolved", window, incident);
          n++;
        }
      }
    }
    return n;
  }

  private static void outbox(Connection c, long incident, long window, String transition, String extra)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(OUTBOX)) {
      ps.setLong(1, incident);
      ps.setString(2, transition);
      ps.setLong(3, window);
      ps.setString(4, transition);
      ps.setString(5, transition);
      ps.setString(6, extra);
      ps.setLong(7, incident);
      ps.executeUpdate();
    }
  }
}
