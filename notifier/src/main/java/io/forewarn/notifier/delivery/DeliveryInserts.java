package io.forewarn.notifier.delivery;

import io.forewarn.notifier.metrics.NotifierMetrics;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.CustomerOutreach;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.TicketStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The delivery rows one outbox row plans, written in JDBC batches with ON CONFLICT DO NOTHING on
 * the unique (incident, customer, channel, kind) key: replanning the same step inserts nothing.
 */
final class DeliveryInserts {
  static final String INSERT = "INSERT INTO deliveries (incident_id, customer_id, channel, kind, delivery_key,"
      + " outbox_id, template, fallbacks, gesture_key, survey_kind, status, reason, scheduled_for, stated_eta,"
      + " stated_severity) VALUES (?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT ON CONSTRAINT deliveries_one_per_step DO NOTHING";
  private static final int BATCH = 5_000;

  private record Row(long incidentId, Long customerId, String channel, String kind, String key, String template,
      String fallbacks, String gesture, String survey, String status, String reason, Instant scheduledFor,
      Instant eta, String severity) {}

  private final IncidentPayload source;
  private final List<Row> rows = new ArrayList<>();

  DeliveryInserts(IncidentPayload source) {
    this.source = source;
  }

  void scheduled(IncidentNotice notice, CustomerOutreach.Scheduled s) {
    String prefix = notice.incidentId() + "/" + notice.customer().id() + "/";
    String fallbacks = s.channels().subList(1, s.channels().size()).stream()
        .map(ch -> ch.templateName()).reduce((a, b) -> a + "," + b).orElse("");
    rows.add(new Row(source.incidentId(), Long.valueOf(notice.customer().id()), s.channel().templateName(),
        s.deliveryKey().substring(prefix.length()), s.deliveryKey(), s.template().templateName(),
        "{" + fallbacks + "}", s.gestureKey(), s.survey() == null ? null : s.survey().name().toLowerCase(Locale.ROOT),
        "scheduled", s.timing().name().toLowerCase(Locale.ROOT), s.sendAt(), notice.fixEta(), severity(notice)));
  }

  void notSent(IncidentNotice notice, CustomerOutreach.NotSent n) {
    rows.add(new Row(source.incidentId(), Long.valueOf(notice.customer().id()), "none",
        notice.transition().templateName() + "/" + source.outboxId(),
        notice.incidentId() + "/" + notice.customer().id() + "/none/" + source.outboxId(),
        notice.transition().templateName(), "{}", null, null, "suppressed", n.reason() + ": " + n.detail(),
        notice.occurredAt(), notice.fixEta(), severity(notice)));
  }

  void ticket(IncidentNotice notice, TicketStep step, boolean configured) {
    String prefix = notice.incidentId() + "/ticket/";
    rows.add(new Row(source.incidentId(), null, Channel.TICKET.templateName(),
        step.deliveryKey().substring(prefix.length()), step.deliveryKey(), notice.transition().templateName(), "{}",
        null, null, configured ? "scheduled" : "suppressed", configured ? null : "no helpdesk connector configured",
        Instant.now(), notice.fixEta(), severity(notice)));
  }

  void flush(Connection c, NotifierMetrics metrics) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      int pending = 0;
      for (Row r : rows) {
        ps.setLong(1, r.incidentId());
        if (r.customerId() == null) {
          ps.setNull(2, Types.BIGINT);
        } else {
          ps.setLong(2, r.customerId());
        }
        ps.setString(3, r.channel());
        ps.setString(4, r.kind());
        ps.setString(5, r.key());
        ps.setLong(6, source.outboxId());
        ps.setString(7, r.template());
        ps.setString(8, r.fallbacks());
        ps.setString(9, r.gesture());
        ps.setString(10, r.survey());
        ps.setString(11, r.status());
        ps.setString(12, r.reason());
        ps.setTimestamp(13, Jdbc.ts(r.scheduledFor()));
        ps.setTimestamp(14, Jdbc.ts(r.eta()));
        ps.setString(15, r.severity());
        ps.addBatch();
        counts.merge(r.channel() + "|" + r.status(), 1, Integer::sum);
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    }
    counts.forEach((k, n) -> metrics.planned(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1), n));
  }

  private static String severity(IncidentNotice notice) {
    return notice.severity().name().toLowerCase(Locale.ROOT);
  }
}
