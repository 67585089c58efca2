package io.forewarn.ops.fleet;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Query;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.util.List;

/** Devices of one tenant, with their open incidents and earliest predicted failure. */
public final class DeviceStore {
  /** Status filter values; at_risk = has an open incident with a predicted failure time. */
  public static final List<String> STATUSES = List.of("online", "offline", "unknown", "at_risk");

  private static final String SELECT = "SELECT d.external_id AS id, d.model, d.firmware, d.region, d.site,"
      + " d.installed_at, d.online, d.status_changed_at, d.last_seen_at, c.external_id AS customer_id,"
      + " (SELECT count(*) FROM incidents i WHERE i.device_id = d.id AND i.state <> 'resolved') AS open_incidents,"
      + " (SELECT min(i.predicted_failure_at) FROM incidents i WHERE i.device_id = d.id AND i.state <> 'resolved')"
      + " AS predicted_failure_at"
      + " FROM devices d LEFT JOIN customers c ON c.id = d.customer_id WHERE d.tenant_id = ?";

  /** Filters of the device list; null = any. */
  public record Filter(String model, String region, String firmware, String status, int limit, int offset) {}

  private final Jdbc jdbc;

  public DeviceStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Future<JsonArray> list(int tenantId, Filter f) {
    Query q = new Query(SELECT, tenantId)
        .and("d.model = ?", f.model())
        .and("d.region = ?", f.region())
        .and("d.firmware = ?", f.firmware());
    if (f.status() != null) {
      q.and(switch (f.status()) {
        case "online" -> "d.online";
        case "offline" -> "NOT d.online";
        case "unknown" -> "d.online IS NULL";
        default -> "EXISTS (SELECT 1 FROM incidents i WHERE i.device_id = d.id AND i.state <> 'resolved'"
            + " AND i.predicted_failure_at IS NOT NULL)";
      });
    }
    return q.page("d.external_id", f.limit(), f.offset()).list(jdbc);
  }

  /** Devices with an open incident that predicts a failure, soonest failure first. */
  public Future<JsonArray> atRisk(int tenantId, int limit) {
    return jdbc.call(c -> {
      // One row per device: its open incident with the soonest predicted failure.
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (SELECT DISTINCT ON (d.id) d.external_id AS id,"
          + " d.model, d.region, d.site, i.id AS incident_id, i.severity, i.summary, i.predicted_failure_at, i.state,"
          + " i.acknowledged_at FROM incidents i JOIN devices d ON d.id = i.device_id"
          + " WHERE d.tenant_id = ? AND i.state <> 'resolved' AND i.predicted_failure_at IS NOT NULL"
          + " ORDER BY d.id, i.predicted_failure_at, i.id) x ORDER BY x.predicted_failure_at, x.incident_id LIMIT ?")) {
        ps.setInt(1, tenantId);
        ps.setInt(2, limit);
        return Rows.all(ps);
      }
    });
  }

  /** The device, its latest sample (metric name → value) and its last incidents; null when not in the tenant. */
  public Future<JsonObject> detail(int tenantId, String externalId) {
    return jdbc.call(c -> {
      JsonObject device;
      try (PreparedStatement ps = c.prepareStatement(SELECT + " AND d.external_id = ?")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        device = Rows.first(ps);
      }
      if (device == null) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT t.ts, m.name, u.v FROM devices d CROSS JOIN LATERAL"
          + " (SELECT ts, metric_ids, vals FROM telemetry WHERE device_id = d.id ORDER BY ts DESC LIMIT 1) t"
          + " CROSS JOIN LATERAL unnest(t.metric_ids, t.vals) AS u(metric_id, v) JOIN metrics m ON m.id = u.metric_id WHERE d.tenant_id = ? AND d.external_id = ? ORDER BY m.name")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        JsonObject latest = new JsonObject();
        String at = null;
        for (Object row : Rows.all(ps)) {
          JsonObject r = (JsonObject) row;
          latest.put(r.getString("name"), r.getValue("v"));
          at = r.getString("ts");
        }
        device.put("latest", new JsonObject().put("ts", at).put("values", latest));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.kind, i.rule_id, i.state, i.severity, i.summary,"
          + " i.details, i.predicted_failure_at, i.fix_eta, i.acknowledged_by, i.acknowledged_at, i.silenced_until,"
          + " i.opened_at, i.firing_at, i.resolved_at FROM incidents i JOIN devices d ON d.id = i.device_id"
          + " WHERE d.tenant_id = ? AND d.external_id = ? ORDER BY i.opened_at DESC LIMIT 50")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        device.put("incidents", Rows.all(ps));
      }
      return device;
    });
  }

  /** Counts for the overview: devices by status, open incidents by severity. */
  public Future<JsonObject> summary(int tenantId) {
    return jdbc.call(c -> {
      JsonObject out = new JsonObject();
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) AS devices,"
          + " count(*) FILTER (WHERE online) AS online, count(*) FILTER (WHERE NOT online) AS offline,"
          + " count(*) FILTER (WHERE online IS NULL) AS unknown FROM devices WHERE tenant_id = ?")) {
        ps.setInt(1, tenantId);
        out.put("devices", Rows.first(ps));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT i.severity, count(*) AS open FROM incidents i"
          + " WHERE i.state <> 'resolved' AND incident_visible(i.device_id, i.customer_id, i.scope_type, i.scope_value, ?)"
          + " GROUP BY i.severity")) {
        ps.setInt(1, tenantId);
        JsonObject bySeverity = new JsonObject();
        for (Object row : Rows.all(ps)) {
          bySeverity.put(((JsonObject) row).getString("severity"), ((JsonObject) row).getLong("open"));
        }
        out.put("open_incidents_by_severity", bySeverity);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT d.id) AS at_risk FROM devices d"
          + " JOIN incidents i ON i.device_id = d.id WHERE d.tenant_id = ? AND i.state <> 'resolved'"
          + " AND i.predicted_failure_at IS NOT NULL")) {
        ps.setInt(1, tenantId);
        out.put("devices_at_risk", Rows.first(ps).getLong("at_risk"));
      }
      return out;
    });
  }
}
