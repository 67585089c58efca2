package io.forewarn.ops.kpi;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads the facts behind the KPIs of one tenant and period, and computes them with {@link Kpis}. */
public final class KpiStore {
  private final Jdbc jdbc;

  public KpiStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Future<JsonObject> kpis(int tenantId, Instant from, Instant to) {
    return jdbc.call(c -> {
      List<Kpis.IncidentFacts> facts = new ArrayList<>();
      // Customer incidents of the tenant opened in the period. Survey answers are not "the customer
      // wrote first": they answer our own message.
      try (PreparedStatement ps = c.prepareStatement("SELECT"
          + " (SELECT min(dl.sent_at) FROM deliveries dl WHERE dl.incident_id = i.id AND dl.customer_id = i.customer_id"
          + "   AND dl.channel IN ('sms', 'email') AND dl.status IN ('sent', 'delivered')),"
          + " (SELECT min(m.received_at) FROM inbound_messages m WHERE m.customer_id = i.customer_id"
          + "   AND m.received_at >= i.opened_at AND m.intent NOT LIKE 'survey%'"
          + "   AND NOT EXISTS (SELECT 1 FROM survey_answers s WHERE s.inbound_id = m.id)),"
          + " i.predicted_failure_at"
          + " FROM incidents i JOIN customers cu ON cu.id = i.customer_id"
          + " WHERE cu.tenant_id = ? AND i.opened_at >= ? AND i.opened_at < ?")) {
        ps.setInt(1, tenantId);
        ps.setTimestamp(2, Timestamp.from(from));
        ps.setTimestamp(3, Timestamp.from(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            facts.add(new Kpis.IncidentFacts(instant(rs, 1), instant(rs, 2), instant(rs, 3)));
          }
        }
      }
      JsonObject byOutcome = new JsonObject();
      try (PreparedStatement ps = c.prepareStatement("SELECT dl.channel, dl.status, count(*) AS n FROM deliveries dl"
          + " JOIN customers cu ON cu.id = dl.customer_id WHERE cu.tenant_id = ? AND dl.created_at >= ? AND dl.created_at < ?"
          + " GROUP BY 1, 2 ORDER BY 1, 2")) {
        ps.setInt(1, tenantId);
        ps.setTimestamp(2, Timestamp.from(from));
        ps.setTimestamp(3, Timestamp.from(to));
        for (Object row : Rows.all(ps)) {
          JsonObject r = (JsonObject) row;
          byOutcome.put(r.getString("status"), byOutcome.getLong(r.getString("status"), 0L) + r.getLong("n"));
        }
      }
      Map<String, List<Integer>> scores = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT lower(s.survey_kind), s.score FROM survey_answers s"
          + " JOIN customers cu ON cu.id = s.customer_id WHERE cu.tenant_id = ? AND s.answered_at >= ? AND s.answered_at < ?")) {
        ps.setInt(1, tenantId);
        ps.setTimestamp(2, Timestamp.from(from));
        ps.setTimestamp(3, Timestamp.from(to));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            scores.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getInt(2));
          }
        }
      }
      List<Integer> csat = scores.getOrDefault("csat", List.of());
      List<Integer> ces = scores.getOrDefault("ces", List.of());
      List<Integer> nps = scores.getOrDefault("nps", List.of());
      Duration median = Kpis.medianLeadTime(facts);
      return new JsonObject().put("from", from.toString()).put("to", to.toString())
          .put("customer_incidents", facts.size())
          .put("reached_first_share", value(Kpis.reachedFirstShare(facts)))
          .put("median_lead_time_seconds", median == null ? null : median.toSeconds())
          .put("notifications_by_outcome", byOutcome)
          .put("csat", new JsonObject().put("answers", csat.size()).put("mean", value(Kpis.mean(csat)))
              .put("satisfied_percent", value(Kpis.csatPercent(csat))))
          .put("ces", new JsonObject().put("answers", ces.size()).put("mean", value(Kpis.mean(ces))))
          .put("nps", new JsonObject().put("answers", nps.size()).put("score", value(Kpis.nps(nps))));
    });
  }

  private static Double value(OptionalDouble v) {
    return v.isPresent() ? Math.round(v.getAsDouble() * 1000.0) / 1000.0 : null;
  }

  private static Instant instant(ResultSet rs, int i) throws java.sql.SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }
}
