package io.forewarn.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A reader's position in {@code ingest_batches} (roll-ups, rules): every batch with
 * {@code xid < horizon} is done. {@code currentHorizon} is the xmin of this transaction's snapshot:
 * every transaction below it has finished, so batches below it can no longer appear. The row lock
 * keeps two readers of the same cursor from taking the same batches at once.
 */
public record BatchCursor(String name, String horizon, String currentHorizon) {

  public static BatchCursor lock(Connection c, String name) throws SQLException {
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

  public void advance(Connection c, String newHorizon) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(
        "UPDATE batch_cursors SET horizon = ?::xid8, updated_at = now() WHERE name = ?")) {
      u.setString(1, newHorizon);
      u.setString(2, name);
      u.executeUpdate();
    }
  }
}
