package io.forewarn.rules.store;

import io.forewarn.rules.engine.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The SQL of fleet_state (migration V21): the engine's state that belongs to no single device. */
final class FleetStateRows {
  private FleetStateRows() {}

  /** Loads every row into the engine; returns how many there were. */
  static int load(Connection c, Engine engine) throws SQLException {
    int n = 0;
    try (PreparedStatement q = c.prepareStatement("SELECT key, state FROM fleet_state");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        engine.restoreFleetState(rs.getString(1), rs.getBytes(2));
        n++;
      }
    }
    return n;
  }

  static void save(Connection c, Map<String, byte[]> dirty, Instant now) throws SQLException {
    if (dirty.isEmpty()) {
      return;
    }
    try (PreparedStatement u = c.prepareStatement("INSERT INTO fleet_state (key, state, updated_at) VALUES (?, ?, ?)"
        + " ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at")) {
      for (var e : dirty.entrySet()) {
        u.setString(1, e.getKey());
        u.setBytes(2, e.getValue());
        u.setTimestamp(3, Timestamp.from(now));
        u.addBatch();
      }
      u.executeBatch();
    }
  }

  /** Drops the rows of rules or firmwares the current rule set and fleet no longer have; returns how many. */
  static int forgetOthers(Connection c, Collection<String> keys) throws SQLException {
    try (PreparedStatement d = c.prepareStatement("DELETE FROM fleet_state WHERE NOT (key = ANY(?))")) {
      d.setArray(1, c.createArrayOf("text", keys.toArray()));
      return d.executeUpdate();
    }
  }
}
