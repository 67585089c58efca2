package io.forewarn.notifier.http;

import io.forewarn.notifier.delivery.Jdbc;
import io.forewarn.notifier.feedback.SurveyKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.Optional;

/** What inbound callbacks write: opt-outs, survey answers, delivery status, helpdesk closes. Blocking JDBC. */
public final class InboundStore {
  /** The feedback question a number was last asked and has not answered. */
  public record OpenSurvey(long incidentId, long customerId, SurveyKind kind) {}

  private final Jdbc jdbc;

  public InboundStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public boolean healthy() {
    return jdbc.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    });
  }

  /** The latest resolved incident whose closing SMS to this number asked for feedback, if unanswered. */
  public Optional<OpenSurvey> openSurvey(String phone) {
    return jdbc.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT d.incident_id, d.customer_id, d.survey_kind"
          + " FROM deliveries d JOIN customers cu ON cu.id = d.customer_id WHERE cu.phone = ? AND d.template = 'resolved'"
          + " AND d.survey_kind IS NOT NULL AND d.status IN ('sent', 'delivered') AND NOT EXISTS (SELECT 1 FROM"
          + " survey_answers a WHERE a.incident_id = d.incident_id AND a.customer_id = d.customer_id)"
          + " ORDER BY d.sent_at DESC LIMIT 1")) {
        ps.setString(1, phone);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new OpenSurvey(rs.getLong(1), rs.getLong(2),
              SurveyKind.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)))) : Optional.empty();
        }
      }
    });
  }

  /** Stores the message once (Twilio may retry the webhook); returns its id, or empty if seen before. */
  public Optional<Long> inbound(String provider, String providerId, String from, String body, String intent) {
    return jdbc.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbound_messages (provider, provider_id,"
          + " from_address, body, intent, customer_id) VALUES (?, ?, ?, ?, ?, (SELECT id FROM customers WHERE phone = ?"
          + " ORDER BY id LIMIT 1)) ON CONFLICT (provider, provider_id) DO NOTHING RETURNING id")) {
        ps.setString(1, provider);
        ps.setString(2, providerId);
        ps.setString(3, from);
        ps.setString(4, body);
        ps.setString(5, intent);
        ps.setString(6, from);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
      }
    });
  }

  public void optOut(String phone, String keyword, String source) {
    update("INSERT INTO sms_opt_outs (phone, keyword, source) VALUES (?, ?, ?) ON CONFLICT (phone) DO NOTHING",
        phone, keyword, source);
  }

  public void optIn(String phone) {
    update("DELETE FROM sms_opt_outs WHERE phone = ?", phone);
  }

  public void surveyAnswer(OpenSurvey survey, long inboundId, int score, String comment) {
    jdbc.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO survey_answers (incident_id, customer_id,"
          + " inbound_id, survey_kind, score, comment) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setLong(1, survey.incidentId());
        ps.setLong(2, survey.customerId());
        ps.setLong(3, inboundId);
        ps.setString(4, survey.kind().name().toLowerCase(Locale.ROOT));
        ps.setInt(5, score);
        ps.setString(6, comment);
        return ps.executeUpdate();
      }
    });
  }

  /** A Twilio status: 'delivered' on delivery, 'failed' on a final failure; earlier states change nothing. */
  public void smsStatus(String sid, boolean delivered, String error) {
    if (delivered) {
      update("UPDATE deliveries SET status = 'delivered', updated_at = now() WHERE provider_id = ? AND channel = 'sms'"
          + " AND status = 'sent'", sid);
    } else {
      update("UPDATE deliveries SET status = 'failed', last_error = ?, updated_at = now() WHERE provider_id = ?"
          + " AND channel = 'sms' AND status IN ('sent', 'delivered')", error, sid);
    }
  }

  /**
   * A person solved the ticket in the helpdesk: recorded on the incident's audit trail (actor
   * 'helpdesk') for the rules stage, and on our ticket row. Returns false for tickets not ours.
   */
  public boolean ticketSolvedByPerson(String ticketId, String who) {
    return jdbc.inTransaction(c -> {
      long incident;
      try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET status = 'solved', solved_by = ?,"
          + " updated_at = now() WHERE ticket_id = ? AND status = 'open' RETURNING incident_id")) {
        ps.setString(1, "helpdesk:" + who);
        ps.setString(2, ticketId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          incident = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_events (incident_id, at, type, actor,"
          + " details) VALUES (?, now(), 'updated', 'helpdesk', jsonb_build_object('ticket_id', ?::text,"
          + " 'ticket_status', 'solved', 'by', ?::text))")) {
        ps.setLong(1, incident);
        ps.setString(2, ticketId);
        ps.setString(3, who);
        ps.executeUpdate();
      }
      return true;
    });
  }

  private void update(String sql, String... values) {
    jdbc.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          ps.setString(i + 1, values[i]);
        }
        return ps.executeUpdate();
      }
    });
  }
}
