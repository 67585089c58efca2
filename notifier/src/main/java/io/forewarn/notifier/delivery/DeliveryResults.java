package io.forewarn.notifier.delivery;

import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * What a send came to, as writes: the attempt row and the delivery's new status, plus the side
 * effects (ticket id, opt-out, fallback row). A round's writes commit together. Blocking JDBC.
 */
public final class DeliveryResults {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeliveryResults.class);
  private static final String ATTEMPT = "INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms,"
      + " outcome, http_status, error_code, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SENT = "UPDATE deliveries SET status = 'sent', provider_id = ?, sent_at = now(),"
      + " stated_eta = ?, stated_severity = ?, last_error = NULL, sending_since = NULL, updated_at = now() WHERE id = ?";
  private static final String RESCHEDULE = "UPDATE deliveries SET status = 'scheduled', scheduled_for = ?,"
      + " last_error = ?, sending_since = NULL, updated_at = now() WHERE id = ?";
  private static final String FINAL = "UPDATE deliveries SET status = ?, last_error = ?, sending_since = NULL,"
      + " updated_at = now() WHERE id = ?";
  private static final String KEEP_SENDING = "UPDATE deliveries SET last_error = ?, updated_at = now() WHERE id = ?";
  private static final String TICKET_OPENED = "INSERT INTO tickets (incident_id, provider, ticket_id) VALUES (?, ?, ?)"
      + " ON CONFLICT (incident_id) DO NOTHING";
  private static final String TICKET_SOLVED = "UPDATE tickets SET status = 'solved', solved_by = 'notifier',"
      + " updated_at = now() WHERE incident_id = ?";
  private static final String OPT_OUT = "INSERT INTO sms_opt_outs (phone, keyword, source) VALUES (?, ?, 'provider')"
      + " ON CONFLICT (phone) DO NOTHING";

  /** One outcome's writes, added to the batches of {@link #commit}'s transaction. */
  @FunctionalInterface
  public interface Write {
    void apply(StatementBatch b) throws SQLException;
  }

  private final Jdbc jdbc;

  public DeliveryResults(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes a whole round's outcomes in one transaction (see {@link Jdbc#inRelaxedTransaction}). */
  public void commit(List<Write> writes) {
    if (writes.isEmpty()) {
      return;
    }
    try {
      jdbc.inRelaxedTransaction(c -> {
        try (StatementBatch b = new StatementBatch(c)) {
          for (Write w : writes) {
            w.apply(b);
          }
          b.execute();
        }
        return null;
      });
    } catch (IllegalStateException failed) {
      // One bad write must not hold back the others: write them one by one; what still fails
      // stays 'sending' and goes to the recovery rule.
      LOG.warn("writing {} outcomes together failed ({}); writing them one by one", writes.size(), failed.toString());
      for (Write w : writes) {
        try {
          jdbc.inRelaxedTransaction(c -> {
            try (StatementBatch b = new StatementBatch(c)) {
              w.apply(b);
              b.execute();
            }
            return null;
          });
        } catch (IllegalStateException e) {
          LOG.error("an outcome could not be written; the delivery stays 'sending' for recovery", e);
        }
      }
    }
  }

  public Write sent(ClaimedDelivery d, AttemptRecord attempt, String providerId, String ticketProvider) {
    return b -> {
      attempt(b, attempt);
      PreparedStatement sent = b.statement(SENT);
      sent.setString(1, providerId);
      sent.setTimestamp(2, Jdbc.ts(d.notice().fixEta()));
      sent.setString(3, d.notice().severity().name().toLowerCase(java.util.Locale.ROOT));
      sent.setLong(4, d.id());
      sent.addBatch();
      if (d.channel() == io.forewarn.notifier.outreach.Channel.TICKET) {
        String sql = d.kind().equals("opened") ? TICKET_OPENED : d.kind().equals("resolved") ? TICKET_SOLVED : null;
        if (sql != null) {
          PreparedStatement ticket = b.statement(sql);
          ticket.setLong(1, d.incidentId());
          if (sql == TICKET_OPENED) {
            ticket.setString(2, ticketProvider);
            ticket.setString(3, providerId);
          }
          ticket.addBatch();
        }
      }
    };
  }

  public Write retry(long id, AttemptRecord attempt, Instant at, String error) {
    return b -> {
      attempt(b, attempt);
      PreparedStatement ps = b.statement(RESCHEDULE);
      ps.setTimestamp(1, Jdbc.ts(at));
      ps.setString(2, error);
      ps.setLong(3, id);
      ps.addBatch();
    };
  }

  /**
   * Leaves the delivery in 'sending': the provider may have taken it and cannot be asked to
   * deduplicate, so only the recovery rule (after the lease) may decide, by reconciling.
   */
  public Write inDoubt(long id, AttemptRecord attempt, String error) {
    return b -> {
      attempt(b, attempt);
      PreparedStatement ps = b.statement(KEEP_SENDING);
      ps.setString(1, error);
      ps.setLong(2, id);
      ps.addBatch();
    };
  }

  /**
   * Ends the delivery ('failed', 'unknown', 'cancelled'); records an opt-out of {@code optOutPhone}
   * and inserts the fallback row, when given.
   */
  public Write finish(ClaimedDelivery d, AttemptRecord attempt, String status, String error, String optOutPhone,
      String optOutCode, Scheduled fallback) {
    return b -> {
      if (attempt != null) {
        attempt(b, attempt);
      }
      PreparedStatement ps = b.statement(FINAL);
      ps.setString(1, status);
      ps.setString(2, error);
      ps.setLong(3, d.id());
      ps.addBatch();
      if (optOutPhone != null) {
        PreparedStatement optOut = b.statement(OPT_OUT);
        optOut.setString(1, optOutPhone);
        optOut.setString(2, optOutCode);
        optOut.addBatch();
      }
      if (fallback != null) {
        insertFallback(b, d, fallback);
      }
    };
  }

  private static void insertFallback(StatementBatch b, ClaimedDelivery d, Scheduled next) throws SQLException {
    List<String> rest = next.channels().subList(1, next.channels().size()).stream()
        .map(ch -> ch.templateName()).toList();
    PreparedStatement ps = b.statement(DeliveryInserts.INSERT);
    ps.setLong(1, d.incidentId());
    ps.setLong(2, d.customerId());
    ps.setString(3, next.channel().templateName());
    ps.setString(4, d.kind());
    ps.setString(5, d.deliveryKey());
    ps.setLong(6, d.payload().outboxId());
    ps.setString(7, d.template().templateName());
    ps.setString(8, "{" + String.join(",", rest) + "}");
    ps.setString(9, d.gestureKey());
    ps.setString(10, d.surveyKind());
    ps.setString(11, "scheduled");
    ps.setString(12, "fallback after " + d.channelName() + " failed");
    ps.setTimestamp(13, Jdbc.ts(next.sendAt()));
    ps.setTimestamp(14, Jdbc.ts(d.notice().fixEta()));
    ps.setString(15, d.notice().severity().name().toLowerCase(java.util.Locale.ROOT));
    ps.addBatch();
  }

  private static void attempt(StatementBatch b, AttemptRecord a) throws SQLException {
    PreparedStatement ps = b.statement(ATTEMPT);
    ps.setLong(1, a.deliveryId());
    ps.setInt(2, a.attempt());
    ps.setTimestamp(3, Jdbc.ts(a.startedAt()));
    ps.setInt(4, (int) Math.min(Integer.MAX_VALUE, a.took().toMillis()));
    ps.setString(5, a.outcome());
    if (a.httpStatus() == null) {
      ps.setNull(6, Types.INTEGER);
    } else {
      ps.setInt(6, a.httpStatus());
    }
    ps.setString(7, a.errorCode());
    ps.setString(8, a.detail() == null ? null : a.detail().substring(0, Math.min(2000, a.detail().length())));
    ps.addBatch();
  }
}
