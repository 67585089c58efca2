package io.forewarn.notifier.delivery;

import io.forewarn.notifier.metrics.NotifierMetrics;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Refreshes the level gauges: deliveries waiting per channel, unprocessed outbox rows, and the
 * progress of open service-disruption broadcasts (customer messages still pending vs done).
 * Blocking JDBC.
 */
public final class QueueStats {
  private static final String QUEUE = "SELECT channel, count(*) FROM deliveries WHERE status = 'scheduled'"
      + " GROUP BY channel";
  private static final String BACKLOG = "SELECT count(*) FROM outbox WHERE processed_at IS NULL";
  private static final String BROADCAST = "SELECT count(*) FILTER (WHERE d.status IN ('scheduled', 'sending')),"
      + " count(*) FILTER (WHERE d.status IN ('sent', 'delivered', 'failed', 'unknown', 'cancelled'))"
      + " FROM deliveries d JOIN incidents i ON i.id = d.incident_id WHERE i.kind = 'service_disruption'"
      + " AND i.state <> 'resolved' AND d.channel IN ('sms', 'email')";

  private final Jdbc jdbc;
  private final NotifierMetrics metrics;

  public QueueStats(Jdbc jdbc, NotifierMetrics metrics) {
    this.jdbc = jdbc;
    this.metrics = metrics;
  }

  public void refresh() {
    jdbc.inTransaction(c -> {
      for (String channel : new String[] {"sms", "email", "ticket"}) {
        metrics.level(NotifierMetrics.QUEUE_DEPTH, channel, 0);
      }
      try (PreparedStatement ps = c.prepareStatement(QUEUE); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          metrics.level(NotifierMetrics.QUEUE_DEPTH, rs.getString(1), rs.getLong(2));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(BACKLOG); ResultSet rs = ps.executeQuery()) {
        rs.next();
        metrics.level(NotifierMetrics.OUTBOX_BACKLOG, "all", rs.getLong(1));
      }
      try (PreparedStatement ps = c.prepareStatement(BROADCAST); ResultSet rs = ps.executeQuery()) {
        rs.next();
        metrics.level(NotifierMetrics.BROADCAST_PENDING, "all", rs.getLong(1));
        metrics.level(NotifierMetrics.BROADCAST_DONE, "all", rs.getLong(2));
      }
      return null;
    });
  }
}
