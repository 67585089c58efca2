package io.forewarn.notifier.delivery;

import io.forewarn.notifier.metrics.NotifierMetrics;
import io.forewarn.notifier.outreach.ContactHistory;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.CustomerOutreach;
import io.forewarn.notifier.outreach.Device;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.NoOutreachReason;
import io.forewarn.notifier.outreach.OutreachPlan;
import io.forewarn.notifier.outreach.OutreachPlanner;
import io.forewarn.notifier.outreach.Transition;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims outbox rows ({@code FOR UPDATE SKIP LOCKED}) and turns each into planned deliveries, and
 * marks it processed, in ONE transaction: a crash before the commit leaves the row unclaimed for
 * the next instance, and the unique key on deliveries stops a replay from planning twice. Blocking
 * JDBC: run it on a worker.
 */
public final class OutboxPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxPlanner.class);

  // Rows of one incident are taken in order: a later row waits while an earlier one is unprocessed.
  private static final String CLAIM = "SELECT o.id, o.created_at, o.payload::text, dv.external_id, dv.model"
      + " FROM outbox o LEFT JOIN devices dv ON dv.id = (o.payload->'incident'->>'device_id')::int"
      + " WHERE o.processed_at IS NULL AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.incident_id = o.incident_id"
      + " AND e.processed_at IS NULL AND e.id < o.id) ORDER BY o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED";
  private static final String CANCEL_PENDING = "UPDATE deliveries SET status = 'cancelled', updated_at = now(),"
      + " reason = 'incident resolved before it was sent' WHERE incident_id = ? AND channel IN ('sms', 'email')"
      + " AND status IN ('planned', 'scheduled') AND template <> 'resolved'";
  private static final String RESOLVED_LATER = "SELECT o.id FROM outbox o WHERE o.incident_id = ? AND o.id > ?"
      + " AND o.transition = 'resolved' ORDER BY o.id LIMIT 1";
  private static final String DONE = "UPDATE outbox SET processed_at = now(), processed_by = ? WHERE id = ?";

  private final Jdbc jdbc;
  private final OutreachPlanner planner;
  private final Audience audience;
  private final boolean ticketsConfigured;
  private final String instanceId;
  private final NotifierMetrics metrics;

  public OutboxPlanner(Jdbc jdbc, OutreachPlanner planner, CustomerRows customers, boolean ticketsConfigured,
      String instanceId, NotifierMetrics metrics) {
    this.jdbc = jdbc;
    this.planner = planner;
    this.audience = new Audience(customers);
    this.ticketsConfigured = ticketsConfigured;
    this.instanceId = instanceId;
    this.metrics = metrics;
  }

  /** Plans one batch; returns how many outbox rows it processed (0 = nothing to do). */
  public int planBatch(int limit) {
    return jdbc.inTransaction(c -> {
      List<IncidentPayload> rows = claim(c, limit);
      for (IncidentPayload row : rows) {
        String processedBy = instanceId;
        try {
          plan(c, row);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException | IllegalStateException bad) {
          // Bad data must not block the queue: park the row visibly and go on.
          LOG.error("[outbox: {}] cannot plan outreach, skipping the row: {}", row.outboxId(), bad.toString());
          processedBy = instanceId + " (rejected: " + bad.getMessage() + ")";
        }
        try (PreparedStatement ps = c.prepareStatement(DONE)) {
          ps.setString(1, processedBy);
          ps.setLong(2, row.outboxId());
          ps.executeUpdate();
        }
      }
      return rows.size();
    });
  }

  private List<IncidentPayload> claim(Connection c, int limit) throws SQLException {
    List<IncidentPayload> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String ext = rs.getString(4);
          String model = rs.getString(5);
          Device device = ext == null ? null : new Device(ext, model == null || model.isBlank() ? "device" : model);
          rows.add(new IncidentPayload(rs.getLong(1), rs.getTimestamp(2).toInstant(), new JsonObject(rs.getString(3)),
              device));
        }
      }
    }
    return rows;
  }

  private void plan(Connection c, IncidentPayload row) throws SQLException {
    long incidentId = row.incidentId();
    if (row.absorbed()) {
      LOG.info("[incident: {}] absorbed into incident {}; its parent speaks for it", incidentId,
          row.incident().getValue("parent_id"));
      return;
    }
    if (row.transition() == Transition.RESOLVED) {
      try (PreparedStatement ps = c.prepareStatement(CANCEL_PENDING)) {
        ps.setLong(1, incidentId);
        int cancelled = ps.executeUpdate();
        if (cancelled > 0) {
          LOG.info("[incident: {}] resolved first: cancelled {} unsent messages", incidentId, cancelled);
        }
      }
    }
    List<Customer> customers = audience.customers(c, row);
    Map<String, ContactHistory> histories = audience.histories(c, incidentId, customers);
    DeliveryInserts inserts = new DeliveryInserts(row);
    CustomerOutreach.NotSent alreadyOver = row.transition() == Transition.RESOLVED ? null : resolvedLater(c, row);
    IncidentNotice first = null;
    for (Customer customer : customers) {
      IncidentNotice notice = NoticeFactory.build(row, customer);
      OutreachPlan plan = planner.plan(notice, histories.getOrDefault(customer.id(), ContactHistory.NONE));
      first = first == null ? notice : first;
      switch (alreadyOver != null ? alreadyOver : plan.customer()) {
        case CustomerOutreach.Scheduled s -> inserts.scheduled(notice, s);
        case CustomerOutreach.NotSent n -> inserts.notSent(notice, n);
      }
    }
    IncidentNotice ticketNotice = first != null && row.kind() == IncidentKind.DEVICE_PROBLEM
        ? first : NoticeFactory.build(row, CustomerRows.operations());
    inserts.ticket(ticketNotice, planner.plan(ticketNotice, ContactHistory.NONE).ticket(), ticketsConfigured);
    inserts.flush(c, metrics);
    LOG.info("[incident: {}] {} planned for {} customers", incidentId, row.transition(), customers.size());
  }

  /** Set when the incident's resolution is already queued behind this row (see RESOLVED_BEFORE_TOLD). */
  private static CustomerOutreach.NotSent resolvedLater(Connection c, IncidentPayload row) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RESOLVED_LATER)) {
      ps.setLong(1, row.incidentId());
      ps.setLong(2, row.outboxId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new CustomerOutreach.NotSent(NoOutreachReason.RESOLVED_BEFORE_TOLD,
            "already resolved when this reached us (outbox row " + rs.getLong(1) + ")") : null;
      }
    }
  }
}
