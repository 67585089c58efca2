package io.forewarn.notifier.delivery;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.Device;
import io.forewarn.notifier.outreach.Transition;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * Claims due deliveries for sending and finds ones a crashed instance left in 'sending'. Both
 * commit 'sending' (with {@code sending_since} and {@code claimed_by}) BEFORE any provider is
 * called, so a crash leaves a visible trace for the recovery rule. Blocking JDBC: workers only.
 */
public final class DeliveryStore {
  // Customer messages: an index range scan on deliveries_due_in_order that stops after n rows.
  private static final String DUE = "SELECT id FROM deliveries WHERE status = 'scheduled' AND channel = ?"
      + " AND scheduled_for <= now() ORDER BY scheduled_for, id LIMIT ? FOR UPDATE SKIP LOCKED";
  // A ticket comment or close waits for the ticket to exist, unless no open is pending at all.
  // Kept out of DUE: its sub-selects made the planner cost (and JIT-compile) every SMS claim.
  private static final String DUE_TICKETS = "SELECT id FROM deliveries d WHERE status = 'scheduled'"
      + " AND channel = 'ticket' AND scheduled_for <= now() AND (kind = 'opened'"
      + " OR EXISTS (SELECT 1 FROM tickets t WHERE t.incident_id = d.incident_id)"
      + " OR NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.incident_id = d.incident_id AND o.channel = 'ticket'"
      + " AND o.kind = 'opened' AND o.status IN ('scheduled', 'sending')))"
      + " ORDER BY scheduled_for, id LIMIT ? FOR UPDATE SKIP LOCKED";
  private static final String STALE = "SELECT id FROM deliveries WHERE status = 'sending'"
      + " AND sending_since < now() - make_interval(secs => ?) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED";
  // A takeover (no new attempt) keeps send_started_at: the recovery rule looks for the message
  // at the provider from the moment the interrupted send began, not from the takeover.
  private static final String MARK = "UPDATE deliveries SET status = 'sending', sending_since = now(), claimed_by = ?,"
      + " attempts = attempts + ?, send_started_at = CASE WHEN ? > 0 THEN now()"
      + " ELSE coalesce(send_started_at, sending_since) END, updated_at = now() WHERE id = ANY(?)";
  private static final String LOAD = "SELECT d.id, d.incident_id, d.customer_id, d.channel, d.kind, d.delivery_key,"
      + " d.template, d.fallbacks, d.gesture_key, d.survey_kind, d.attempts, d.scheduled_for, d.send_started_at,"
      + " d.outbox_id, t.ticket_id, " + CustomerRows.COLUMNS + " FROM deliveries d JOIN outbox o ON o.id = d.outbox_id"
      + " LEFT JOIN tickets t ON t.incident_id = d.incident_id"
      + " LEFT JOIN customers c ON c.id = coalesce(d.customer_id, (o.payload->'incident'->>'customer_id')::bigint)"
      + CustomerRows.JOINS + " WHERE d.id = ANY(?) ORDER BY d.scheduled_for, d.id";
  // Read once per outbox row, not per delivery: a disruption's payload lists every affected device
  // (100 000 ids, hundreds of kB) that sending one message does not need.
  private static final String PAYLOADS = "SELECT o.id, o.created_at, (o.payload - 'affected_device_ids')::text,"
      + " dv.external_id, dv.model FROM outbox o"
      + " LEFT JOIN devices dv ON dv.id = (o.payload->'incident'->>'device_id')::int WHERE o.id = ANY(?)";
  private static final int PAYLOAD_CACHE = 256;

  /** A claimed delivery, or why one could not even be read (bad payload): it is failed at once. */
  public record Unreadable(long id, String reason) {}

  public record Claim(List<ClaimedDelivery> deliveries, List<Unreadable> unreadable) {}

  private final Jdbc jdbc;
  private final CustomerRows customers;
  private final String instanceId;
  /** Outbox payloads never change once written, so they can be kept. */
  private final Map<Long, IncidentPayload> payloads = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, IncidentPayload> eldest) {
      return size() > PAYLOAD_CACHE;
    }
  };

  public DeliveryStore(Jdbc jdbc, CustomerRows customers, String instanceId) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.instanceId = instanceId;
  }

  /** Marks up to {@code limit} due deliveries of {@code channel} 'sending' (one attempt each). */
  public Claim claimDue(Channel channel, int limit) {
    return jdbc.inTransaction(c -> {
      List<Long> ids = new ArrayList<>();
      if (channel == Channel.TICKET) {
        try (PreparedStatement ps = c.prepareStatement(DUE_TICKETS)) {
          ps.setInt(1, limit);
          readIds(ps, ids);
        }
      } else {
        try (PreparedStatement ps = c.prepareStatement(DUE)) {
          ps.setString(1, channel.templateName());
          ps.setInt(2, limit);
          readIds(ps, ids);
        }
      }
      return mark(c, ids, 1);
    });
  }

  /** Takes over deliveries left in 'sending' for longer than {@code lease} (their instance died). */
  public Claim claimStale(Duration lease, int limit) {
    return jdbc.inTransaction(c -> {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(STALE)) {
        ps.setDouble(1, lease.toMillis() / 1000d);
        ps.setInt(2, limit);
        readIds(ps, ids);
      }
      return mark(c, ids, 0);
    });
  }

  private Claim mark(Connection c, List<Long> ids, int attempt) throws SQLException {
    if (ids.isEmpty()) {
      return new Claim(List.of(), List.of());
    }
    Long[] array = ids.toArray(Long[]::new);
    try (PreparedStatement ps = c.prepareStatement(MARK)) {
      ps.setString(1, instanceId);
      ps.setInt(2, attempt);
      ps.setInt(3, attempt);
      ps.setArray(4, c.createArrayOf("bigint", array));
      ps.executeUpdate();
    }
    List<ClaimedDelivery> out = new ArrayList<>();
    List<Unreadable> bad = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(LOAD)) {
      ps.setArray(1, c.createArrayOf("bigint", array));
      try (ResultSet rs = ps.executeQuery()) {
        Map<Long, IncidentPayload> known = new HashMap<>();
        while (rs.next()) {
          try {
            long outboxId = rs.getLong("outbox_id");
            IncidentPayload payload = known.computeIfAbsent(outboxId, id -> payload(c, id));
            out.add(read(rs, payload));
          } catch (IllegalArgumentException | NullPointerException | ClassCastException | IllegalStateException e) {
            bad.add(new Unreadable(rs.getLong("id"), e.toString()));
          }
        }
      }
    }
    return new Claim(out, bad);
  }

  private IncidentPayload payload(Connection c, long outboxId) {
    synchronized (payloads) {
      IncidentPayload cached = payloads.get(outboxId);
      if (cached != null) {
        return cached;
      }
    }
    try (PreparedStatement ps = c.prepareStatement(PAYLOADS)) {
      ps.setArray(1, c.createArrayOf("bigint", new Long[] {outboxId}));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("outbox row " + outboxId + " is gone");
        }
        String ext = rs.getString(4);
        String model = rs.getString(5);
        Device device = ext == null ? null : new Device(ext, model == null || model.isBlank() ? "device" : model);
        IncidentPayload payload = new IncidentPayload(outboxId, rs.getTimestamp(2).toInstant(),
            new JsonObject(rs.getString(3)), device);
        synchronized (payloads) {
          payloads.put(outboxId, payload);
        }
        return payload;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading outbox row " + outboxId + ": " + e.getMessage(), e);
    }
  }

  private ClaimedDelivery read(ResultSet rs, IncidentPayload payload) throws SQLException {
    boolean hasCustomer = rs.getObject("c_id") != null;
    Long customerId = rs.getObject("customer_id") == null ? null : rs.getLong("customer_id");
    return new ClaimedDelivery(rs.getLong("id"), rs.getLong("incident_id"), customerId,
        Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)), rs.getString("kind"),
        rs.getString("delivery_key"), Transition.valueOf(rs.getString("template").toUpperCase(Locale.ROOT)),
        CustomerRows.channels(rs.getArray("fallbacks")), rs.getString("gesture_key"), rs.getString("survey_kind"),
        rs.getInt("attempts"), rs.getTimestamp("scheduled_for").toInstant(),
        Jdbc.instant(rs.getTimestamp("send_started_at")), payload, hasCustomer ? customers.read(rs) : null,
        hasCustomer && rs.getBoolean("c_sms_stop"), rs.getString("ticket_id"));
  }

  /** Twilio sids already recorded for the customer's SMS: a reconciliation must not claim one twice. */
  public java.util.Set<String> knownSmsSids(long customerId) {
    return jdbc.inTransaction(c -> {
      java.util.Set<String> sids = new java.util.HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT provider_id FROM deliveries WHERE customer_id = ?"
          + " AND channel = 'sms' AND provider_id IS NOT NULL")) {
        ps.setLong(1, customerId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sids.add(rs.getString(1));
          }
        }
      }
      return sids;
    });
  }

  private static void readIds(PreparedStatement ps, List<Long> ids) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
  }
}
