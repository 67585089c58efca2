package io.forewarn.ops.outreach;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Query;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.Time;
import java.time.LocalTime;
import java.util.List;

/** Customers, their contact preferences, and the log of what each was told (deliveries). */
public final class OutreachStore {
  public static final List<String> CHANNELS = List.of("sms", "email");
  public static final List<String> DELIVERY_STATUSES = List.of("planned", "scheduled", "sending", "sent", "delivered",
      "failed", "cancelled", "suppressed", "unknown");

  private static final String PREFERENCES = "SELECT coalesce(p.channel_order, ARRAY['sms', 'email']) AS channel_order,"
      + " CASE WHEN p.customer_id IS NULL THEN '22:00' ELSE to_char(p.quiet_start, 'HH24:MI') END AS quiet_start,"
      + " CASE WHEN p.customer_id IS NULL THEN '08:00' ELSE to_char(p.quiet_end, 'HH24:MI') END AS quiet_end,"
      + " coalesce(p.opted_out, ARRAY[]::text[]) AS opted_out, coalesce(p.daily_cap, 3) AS daily_cap,"
      + " p.updated_at, p.customer_id IS NULL AS defaults"
      + " FROM customers c LEFT JOIN customer_contact_preferences p ON p.customer_id = c.id"
      + " WHERE c.tenant_id = ? AND c.external_id = ?";

  /** New preferences; every field given (the route fills absent ones from the current row). */
  public record Preferences(List<String> channelOrder, LocalTime quietStart, LocalTime quietEnd, List<String> optedOut,
      int dailyCap) {}

  /** Log filters; null = any. */
  public record LogFilter(String customer, Long incident, String channel, String status, int limit, int offset) {}

  private final Jdbc jdbc;

  public OutreachStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Future<JsonArray> customers(int tenantId, int limit, int offset) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT c.external_id AS id, c.name, c.language, c.time_zone,"
          + " (SELECT count(*) FROM devices d WHERE d.customer_id = c.id) AS devices, c.created_at"
          + " FROM customers c WHERE c.tenant_id = ? ORDER BY c.external_id LIMIT ? OFFSET ?")) {
        ps.setInt(1, tenantId);
        ps.setInt(2, limit);
        ps.setInt(3, offset);
        return Rows.all(ps);
      }
    });
  }

  /** The customer with contact details, devices and preferences; null when not the tenant's. */
  public Future<JsonObject> customer(int tenantId, String externalId) {
    return jdbc.call(c -> {
      JsonObject customer;
      try (PreparedStatement ps = c.prepareStatement("SELECT c.external_id AS id, c.name, c.phone, c.email, c.language,"
          + " c.time_zone, c.created_at FROM customers c WHERE c.tenant_id = ? AND c.external_id = ?")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        customer = Rows.first(ps);
      }
      if (customer == null) {
        return null;
      }
      try (PreparedStatement ps = c.prepareStatement(PREFERENCES)) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        customer.put("preferences", Rows.first(ps));
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT d.external_id AS id, d.model, d.region, d.online"
          + " FROM devices d JOIN customers c ON c.id = d.customer_id WHERE c.tenant_id = ? AND c.external_id = ?"
          + " ORDER BY d.external_id")) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        customer.put("devices", Rows.all(ps));
      }
      return customer;
    });
  }

  /** Replaces the preferences; null when the customer is not the tenant's. */
  public Future<JsonObject> savePreferences(int tenantId, String externalId, Preferences p) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer_contact_preferences (customer_id,"
          + " channel_order, quiet_start, quiet_end, opted_out, daily_cap, updated_at)"
          + " SELECT c.id, ?, ?, ?, ?, ?, now() FROM customers c WHERE c.tenant_id = ? AND c.external_id = ?"
          + " ON CONFLICT (customer_id) DO UPDATE SET channel_order = EXCLUDED.channel_order,"
          + " quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end, opted_out = EXCLUDED.opted_out,"
          + " daily_cap = EXCLUDED.daily_cap, updated_at = now()")) {
        ps.setArray(1, c.createArrayOf("text", p.channelOrder().toArray()));
        ps.setTime(2, p.quietStart() == null ? null : Time.valueOf(p.quietStart()));
        ps.setTime(3, p.quietEnd() == null ? null : Time.valueOf(p.quietEnd()));
        ps.setArray(4, c.createArrayOf("text", p.optedOut().toArray()));
        ps.setInt(5, p.dailyCap());
        ps.setInt(6, tenantId);
        ps.setString(7, externalId);
        if (ps.executeUpdate() == 0) {
          return null;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(PREFERENCES)) {
        ps.setInt(1, tenantId);
        ps.setString(2, externalId);
        return Rows.first(ps);
      }
    });
  }

  private static final String LOG_SELECT = "SELECT dl.id, dl.incident_id, i.summary AS incident_summary,"
      + " cu.external_id AS customer_id, cu.name AS customer_name, cu.language, dl.channel, dl.kind, dl.template,"
      + " dl.status, dl.reason, dl.attempts, dl.scheduled_for, dl.sent_at, dl.stated_eta, dl.last_error, dl.provider_id,"
      + " dl.created_at, dl.updated_at,"
      + " (SELECT a.outcome FROM delivery_attempts a WHERE a.delivery_id = dl.id ORDER BY a.attempt DESC LIMIT 1)"
      + " AS last_attempt_outcome"
      + " FROM deliveries dl JOIN incidents i ON i.id = dl.incident_id LEFT JOIN customers cu ON cu.id = dl.customer_id"
      + " WHERE (cu.tenant_id = ? OR (dl.customer_id IS NULL"
      + " AND incident_visible(i.device_id, i.customer_id, i.scope_type, i.scope_value, ?)))";

  /** The outreach log: each message, to whom, on which channel, its status and its attempts. */
  public Future<JsonArray> log(int tenantId, LogFilter f) {
    return new Query(LOG_SELECT, tenantId, tenantId)
        .and("cu.external_id = ?", f.customer())
        .and("dl.incident_id = ?", f.incident())
        .and("dl.channel = ?", f.channel())
        .and("dl.status = ?", f.status())
        .page("dl.created_at DESC, dl.id DESC", f.limit(), f.offset())
        .list(jdbc);
  }
}
