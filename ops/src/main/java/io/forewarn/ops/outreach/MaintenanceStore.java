package io.forewarn.ops.outreach;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Planned disruptions, kept in {@code suppressions} (type 'maintenance'): the seam with the rules
 * stage (keeps incidents in scope quiet) and the notifier (announces windows with announce = true).
 * A tenant's window must cover only its own devices, since the readers of the table match by scope.
 */
public final class MaintenanceStore {
  public static final List<String> SCOPES = List.of("device", "region", "site", "model", "firmware");

  /** A window to create; scopeValue is already in the rules stage's form (device = internal id). */
  public record Window(String scopeType, String scopeValue, Instant startsAt, Instant endsAt, String reason,
      boolean announce) {}

  /** What creating a window did. */
  public sealed interface Created {
    record Done(JsonObject window) implements Created {}
    record NotOnlyOwnDevices() implements Created {}
  }

  private static final String COLUMNS = "s.id, s.scope_type, s.scope_value, s.starts_at, s.ends_at, s.reason, s.announce,"
      + " s.created_by, s.created_at, s.tenant_id IS NOT NULL AS own";

  private final Jdbc jdbc;

  public MaintenanceStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The tenant's windows and fleet-wide ones that cover its devices, ending after {@code after}. */
  public Future<JsonArray> list(int tenantId, Instant after) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM suppressions s"
          + " WHERE s.type = 'maintenance' AND s.ends_at > ? AND (s.tenant_id = ? OR (s.tenant_id IS NULL AND EXISTS"
          + " (SELECT 1 FROM devices d WHERE d.tenant_id = ? AND device_in_scope(d, s.scope_type, s.scope_value))))"
          + " ORDER BY s.starts_at, s.id")) {
        ps.setTimestamp(1, Timestamp.from(after));
        ps.setInt(2, tenantId);
        ps.setInt(3, tenantId);
        return Rows.all(ps);
      }
    });
  }

  public Future<Created> create(int tenantId, Window w, String actor) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO suppressions (type, scope_type, scope_value,"
          + " starts_at, ends_at, reason, announce, created_by, tenant_id)"
          + " SELECT 'maintenance', ?, ?, ?, ?, ?, ?, ?, ? WHERE"
          + " EXISTS (SELECT 1 FROM devices d WHERE d.tenant_id = ? AND device_in_scope(d, ?, ?))"
          + " AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.tenant_id <> ? AND device_in_scope(d, ?, ?))"
          + " RETURNING id")) {
        ps.setString(1, w.scopeType());
        ps.setString(2, w.scopeValue());
        ps.setTimestamp(3, Timestamp.from(w.startsAt()));
        ps.setTimestamp(4, Timestamp.from(w.endsAt()));
        ps.setString(5, w.reason());
        ps.setBoolean(6, w.announce());
        ps.setString(7, actor);
        ps.setInt(8, tenantId);
        ps.setInt(9, tenantId);
        ps.setString(10, w.scopeType());
        ps.setString(11, w.scopeValue());
        ps.setInt(12, tenantId);
        ps.setString(13, w.scopeType());
        ps.setString(14, w.scopeValue());
        JsonObject row = Rows.first(ps);
        if (row == null) {
          return new Created.NotOnlyOwnDevices();
        }
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM suppressions s WHERE s.id = ?")) {
          q.setLong(1, row.getLong("id"));
          return new Created.Done(Rows.first(q));
        }
      }
    });
  }

  /** Internal id of the tenant's device, the form the rules stage matches device windows by; null if none. */
  public Future<String> deviceScopeValue(int tenantId, String externalId) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c
          .prepareStatement("SELECT id::text FROM devices WHERE tenant_id = ? AND external_id = ?")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        try (var rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  /** True when the tenant's own window was deleted. */
  public Future<Boolean> delete(int tenantId, long id) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM suppressions WHERE id = ? AND tenant_id = ?"
          + " AND type = 'maintenance'")) {
        ps.setLong(1, id);
        ps.setInt(2, tenantId);
        return ps.executeUpdate() == 1;
      }
    });
  }
}
