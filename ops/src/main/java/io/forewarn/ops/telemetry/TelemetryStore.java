package io.forewarn.ops.telemetry;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/** One device's metric over a time range, bucketed by {@link Downsampling}. */
public final class TelemetryStore {
  /** What was asked. */
  public record Query(int tenantId, String deviceExternalId, String metric, Instant from, Instant to,
      Downsampling.Plan plan) {}

  /** A device's internal id and model, when it is the tenant's. */
  public record DeviceRef(int id, String model, Instant lastSeen) {}

  private final Jdbc jdbc;

  public TelemetryStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Future<DeviceRef> device(int tenantId, String externalId) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, model, last_seen_at FROM devices"
          + " WHERE tenant_id = ? AND external_id = ?")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        try (var rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          Timestamp seen = rs.getTimestamp(3);
          return new DeviceRef(rs.getInt(1), rs.getString(2), seen == null ? null : seen.toInstant());
        }
      }
    });
  }

  /** Points [{ts, avg, min, max, count}], or null when the metric is unknown. */
  public Future<JsonArray> series(DeviceRef device, Query q) {
    String step = q.plan().step().toSeconds() + " seconds";
    String sql = switch (q.plan().source()) {
      case RAW -> "SELECT time_bucket(?::interval, x.ts) AS ts, avg(x.v) AS avg, min(x.v) AS min, max(x.v) AS max,"
          + " count(*) AS count FROM (SELECT t.ts, t.vals[array_position(t.metric_ids, ?::smallint)] AS v"
          + " FROM telemetry t WHERE t.device_id = ? AND t.ts >= ? AND t.ts < ? AND t.metric_ids @> ARRAY[?::smallint]) x"
          + " GROUP BY 1 ORDER BY 1";
      case MINUTE, HOUR -> "SELECT time_bucket(?::interval, r.bucket) AS ts, sum(r.sum) / sum(r.count) AS avg,"
          + " min(r.min) AS min, max(r.max) AS max, sum(r.count) AS count FROM " + q.plan().source().table()
          + " r WHERE r.metric_id = ?::smallint AND r.device_id = ? AND r.bucket >= ? AND r.bucket < ?"
          + " GROUP BY 1 ORDER BY 1";
    };
    return jdbc.call(c -> {
      Integer metricId;
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM metrics WHERE name = ?")) {
        ps.setString(1, q.metric());
        try (var rs = ps.executeQuery()) {
          metricId = rs.next() ? rs.getInt(1) : null;
        }
      }
      if (metricId == null) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, step);
        ps.setInt(2, metricId);
        ps.setInt(3, device.id());
        ps.setTimestamp(4, Timestamp.from(q.from()));
        ps.setTimestamp(5, Timestamp.from(q.to()));
        if (q.plan().source() == Downsampling.Source.RAW) {
          ps.setInt(6, metricId);
        }
        return Rows.all(ps);
      }
    });
  }

  /** The metric names a device has sent, for the chart's picker. */
  public Future<JsonArray> metricNames(DeviceRef device) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT m.name FROM (SELECT metric_ids FROM telemetry"
          + " WHERE device_id = ? ORDER BY ts DESC LIMIT 20) t CROSS JOIN LATERAL unnest(t.metric_ids) AS u(id)"
          + " JOIN metrics m ON m.id = u.id ORDER BY 1")) {
        ps.setInt(1, device.id());
        JsonArray out = new JsonArray();
        Rows.all(ps).forEach(r -> out.add(((JsonObject) r).getString("name")));
        return out;
      }
    });
  }
}
