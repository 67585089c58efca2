package io.forewarn.rules.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTEN forewarn_ingest (new batches) and forewarn_rules (a rule set activated) on a connection of its
 * own and wakes the evaluation verticle on each notification, so new batches are evaluated, and a new
 * rule set swapped in, at once rather than on the next poll. Worker verticle:
 * pgjdbc's getNotifications(timeout) blocks. The poll timer still runs, so a lost notification (or this
 * connection dropping) only delays a batch by one poll interval.
 */
final class WakeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WakeVerticle.class);
  private final DataSource dataSource;
  private volatile boolean stopped;
  private Connection connection;

  WakeVerticle(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Future<?> start() {
    vertx.setTimer(1, id -> listen());
    return Future.succeededFuture();
  }

  private void listen() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
          s.execute("LISTEN forewarn_ingest");
          s.execute("LISTEN forewarn_rules");
        }
      }
      PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(500);
      if (got != null && got.length > 0) {
        vertx.eventBus().send(EvaluationVerticle.WAKE, got.length);
      }
    } catch (Exception e) {
      LOG.warn("LISTEN failed; relying on the poll timer until it reconnects: {}", e.toString());
      closeQuietly();
    }
    if (!stopped) {
      vertx.setTimer(connection == null ? 1000 : 1, id -> listen());
    }
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (Exception ignored) {
      // already broken
    }
    connection = null;
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    closeQuietly();
    return Future.succeededFuture();
  }
}
