package io.forewarn.rules.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The rules stage's position in {@code ingest_batches} (same scheme as the gateway's roll-up job):
 * every batch with {@code xid < horizon} is done; {@code currentHorizon} is this transaction's
 * snapshot xmin, below which no batch can still appear. The row lock also keeps two rules instances
 * from reading the same batches at once.
 */
record BatchCursor(String name, String horizon, String currentHorizon) {

  static BatchCursor lock(Connection c, String name) throws SQLException {
    try (PreparedStatement init = c.prepareStatement(
        "INSERT INTO batch_cursors (name, horizon) VALUES (?, '1') ON CONFLICT (name) DO NOTHING")) {
      init.setString(1, name);
      init.executeUpdate();
    }
    try (PreparedStatement q = c.prepareStatement("SELECT horizon::text, pg_snapshot_xmin(pg_current_snapshot())::text"
        + " FROM batch_cursors WHERE name = ? FOR UPDATE")) {
      q.setString(1, name);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return new BatchCursor(name, rs.getString(1), rs.getString(2));
      }
    }
  }

  void advance(Connection c, String newHorizon) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(
        "UPDATE batch_cursors SET horizon = ?::xid8, updated_at = now() WHERE name = ?")) {
      u.setString(1, newHorizon);
      u.setString(2, name);
      u.executeUpdate();
    }
  }
}
