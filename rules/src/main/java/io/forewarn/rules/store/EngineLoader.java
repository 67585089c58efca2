package io.forewarn.rules.store;

import io.forewarn.rules.engine.DeviceInfo;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.engine.Incident;
import io.forewarn.rules.engine.Suppression;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads what the engine needs at start (devices, open incidents, detector state) and suppressions. */
final class EngineLoader {
  private EngineLoader() {}

  static List<DeviceInfo> devices(Connection c) throws SQLException {
    List<DeviceInfo> out = new ArrayList<>();
    // The customer's time zone is the device's: daily patterns (seasonal drift) follow local time.
    try (PreparedStatement q = c.prepareStatement("SELECT d.id, d.external_id, d.customer_id, d.model, d.firmware,"
        + " d.region, d.site, c.time_zone FROM devices d LEFT JOIN customers c ON c.id = d.customer_id"
        + " WHERE d.model IS NOT NULL"); ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        long customer = rs.getLong(3);
        out.add(new DeviceInfo(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : customer, rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), DeviceInfo.zoneOrUtc(rs.getString(8))));
      }
    }
    return out;
  }

  static Map<Integer, String> metricNames(Connection c) throws SQLException {
    Map<Integer, String> out = new HashMap<>();
    try (PreparedStatement q = c.prepareStatement("SELECT id, name FROM metrics"); ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    }
    return out;
  }

  /** Open incidents into the engine; returns fingerprint -> id. */
  static Map<String, Long> openIncidents(Connection c, Engine engine) throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    Map<Long, String> fingerprints = new HashMap<>();
    List<Object[]> rows = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT id, fingerprint, kind, rule_id, scope_type, scope_value,"
        + " device_id, customer_id, state, severity, summary, summary_key, details::text, predicted_failure_at,"
        + " parent_id, silenced_until, opened_at, firing_at FROM incidents WHERE state <> 'resolved'");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        ids.put(rs.getString(2), rs.getLong(1));
        fingerprints.put(rs.getLong(1), rs.getString(2));
        int device = rs.getInt(7);
        Integer deviceId = rs.wasNull() ? null : device;
        long customer = rs.getLong(8);
        Long customerId = rs.wasNull() ? null : customer;
        long parent = rs.getLong(15);
        Long parentId = rs.wasNull() ? null : parent;
        rows.add(new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            deviceId, customerId, rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
            new JsonObject(rs.getString(13)).getMap(), instant(rs.getTimestamp(14)), parentId,
            instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)), instant(rs.getTimestamp(18))});
      }
    }
    List<Incident> open = new ArrayList<>();
    for (Object[] r : rows) {
      @SuppressWarnings("unchecked")
      Map<String, Object> details = (Map<String, Object>) r[11];
      Instant firing = r[16] == null ? (Instant) r[15] : (Instant) r[16];
      open.add(new Incident((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Integer) r[5],
          (Long) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], details, (Instant) r[12],
          r[13] == null ? null : fingerprints.get((Long) r[13]), (Instant) r[14], (Instant) r[15], firing, null));
    }
    engine.restoreOpen(open);
    return ids;
  }

  static int detectorState(Connection c, Engine engine) throws SQLException {
    int n = 0;
    try (PreparedStatement q = c.prepareStatement("SELECT device_id, rule_id, state FROM detector_state");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        engine.restoreState(rs.getInt(1), rs.getString(2), rs.getBytes(3));
        n++;
      }
    }
    return n;
  }

  static List<Suppression> suppressions(Connection c, Instant now) throws SQLException {
    List<Suppression> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT id, scope_type, scope_value, starts_at, ends_at"
        + " FROM suppressions WHERE ends_at > ?")) {
      q.setTimestamp(1, Timestamp.from(now));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new Suppression(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
              rs.getTimestamp(5).toInstant()));
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
