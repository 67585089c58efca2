package io.forewarn.notifier.delivery;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.ContactHistory;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.SentMessage;
import io.forewarn.notifier.outreach.Severity;
import io.forewarn.notifier.outreach.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who an incident concerns and what each of them has already been sent. A whole disruption is
 * read with two queries (customers, then histories), never one per customer.
 */
final class Audience {
  private static final String BY_IDS = "SELECT " + CustomerRows.COLUMNS + " FROM customers c" + CustomerRows.JOINS
      + " WHERE c.id = ANY(?) ORDER BY c.id";
  private static final String BY_DEVICES = "SELECT " + CustomerRows.COLUMNS + " FROM customers c" + CustomerRows.JOINS
      + " WHERE c.id IN (SELECT DISTINCT customer_id FROM devices WHERE id = ANY(?) AND customer_id IS NOT NULL)"
      + " ORDER BY c.id";
  /**
   * What a scope value is compared with, by scope_type; only these texts ever reach the SQL. A firmware
   * scope is {@code model@version} (V10's incident_visible_to_tenant compares it the same way).
   */
  private static final Map<String, String> SCOPE_COLUMNS = Map.of("region", "region", "site", "site",
      "firmware", "model || '@' || firmware", "model", "model");
  // Not-yet-sent messages count too (as at their planned time), or the daily cap could be exceeded.
  private static final String HISTORY = "SELECT customer_id, incident_id, template, channel,"
      + " coalesce(sent_at, scheduled_for), stated_eta, stated_severity FROM deliveries"
      + " WHERE customer_id = ANY(?) AND channel IN ('sms', 'email')"
      + " AND status IN ('planned', 'scheduled', 'sending', 'sent', 'delivered', 'unknown')"
      + " AND (incident_id = ? OR coalesce(sent_at, scheduled_for) > now() - interval '48 hours')";

  private final CustomerRows rows;

  Audience(CustomerRows rows) {
    this.rows = rows;
  }

  /** The incident's customer, or for a disruption every customer with an affected device. */
  List<Customer> customers(Connection c, IncidentPayload p) throws SQLException {
    if (p.kind() == IncidentKind.DEVICE_PROBLEM || p.customerId() != null) {
      return p.customerId() == null ? List.of() : query(c, BY_IDS, new Long[] {p.customerId()}, "bigint");
    }
    List<Integer> devices = p.affectedDeviceIds();
    if (devices != null) {
      return query(c, BY_DEVICES, devices.toArray(Integer[]::new), "integer");
    }
    String column = SCOPE_COLUMNS.get(p.scopeType());
    if (column == null) {
      throw new IllegalArgumentException("no affected_device_ids and scope '" + p.scopeType() + "' names no devices");
    }
    String sql = "SELECT " + CustomerRows.COLUMNS + " FROM customers c" + CustomerRows.JOINS
        + " WHERE c.id IN (SELECT DISTINCT customer_id FROM devices WHERE " + column + " = ?"
        + " AND customer_id IS NOT NULL) ORDER BY c.id";
    List<Customer> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, p.scopeValue());
      read(ps, out);
    }
    return out;
  }

  Map<String, ContactHistory> histories(Connection c, long incidentId, List<Customer> customers) throws SQLException {
    Map<String, List<SentMessage>> sent = new HashMap<>();
    if (customers.isEmpty()) {
      return Map.of();
    }
    Long[] ids = customers.stream().map(cu -> Long.valueOf(cu.id())).toArray(Long[]::new);
    try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
      ps.setArray(1, c.createArrayOf("bigint", ids));
      ps.setLong(2, incidentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String severity = rs.getString(7);
          sent.computeIfAbsent(Long.toString(rs.getLong(1)), k -> new ArrayList<>()).add(new SentMessage(
              Long.toString(rs.getLong(2)), Transition.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
              Channel.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getTimestamp(5).toInstant(),
              Jdbc.instant(rs.getTimestamp(6)),
              severity == null ? Severity.LOW : Severity.valueOf(severity.toUpperCase(Locale.ROOT))));
        }
      }
    }
    Map<String, ContactHistory> out = new HashMap<>();
    sent.forEach((k, v) -> out.put(k, new ContactHistory(v)));
    return out;
  }

  private List<Customer> query(Connection c, String sql, Object[] ids, String type) throws SQLException {
    List<Customer> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf(type, ids));
      read(ps, out);
    }
    return out;
  }

  private void read(PreparedStatement ps, List<Customer> out) throws SQLException {
    ps.setFetchSize(5_000);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rows.read(rs));
      }
    }
  }
}
