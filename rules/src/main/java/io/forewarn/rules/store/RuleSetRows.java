package io.forewarn.rules.store;

import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The SQL of rule_sets and rule_set_activations (migration V20) as the rules service uses them. */
final class RuleSetRows {
  private static final String STORED = "SELECT a.id, s.version, s.content, s.origin, a.activated_by"
      + " FROM rule_set_activations a JOIN rule_sets s ON s.id = a.rule_set_id";

  /** One activation and its rule set. */
  record Stored(long activation, String version, String content, String origin, String activatedBy) {}

  private RuleSetRows() {}

  /** The newest activations first: the first is the head of the chain. */
  static List<Stored> newestFirst(Connection c, int limit) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(STORED + " ORDER BY a.id DESC LIMIT ?")) {
      q.setInt(1, limit);
      return list(q);
    }
  }

  static Optional<Stored> activation(Connection c, long id) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(STORED + " WHERE a.id = ?")) {
      q.setLong(1, id);
      return list(q).stream().findFirst();
    }
  }

  /** The newest activation's id, 0 when there is none: what every cycle checks (primary key, cheap). */
  static long headId(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT coalesce(max(id), 0) FROM rule_set_activations");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The content stored under {@code version}, if that version is stored. */
  static Optional<String> contentOf(Connection c, String version) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT content FROM rule_sets WHERE version = ?")) {
      q.setString(1, version);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Stores the file as a new version; returns its rule_sets id. */
  static long insert(Connection c, RuleFile file, String createdBy, String reason) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("INSERT INTO rule_sets (version, content, origin, source, created_by,"
        + " reason) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      q.setString(1, file.rules().version());
      q.setString(2, file.text());
      q.setString(3, file.origin().dbName());
      q.setString(4, file.source());
      q.setString(5, createdBy);
      q.setString(6, reason);
      return returnedId(q);
    }
  }

  /** Appends an activation after {@code previous} (null: the first); returns its id. */
  static long activate(Connection c, long ruleSetId, Long previous, String by, String reason) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("INSERT INTO rule_set_activations (rule_set_id, previous_id,"
        + " activated_by, reason) VALUES (?, ?, ?, ?) RETURNING id")) {
      q.setLong(1, ruleSetId);
      q.setObject(2, previous, Types.BIGINT);
      q.setString(3, by);
      q.setString(4, reason);
      return returnedId(q);
    }
  }

  static long ruleSetId(Connection c, String version) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT id FROM rule_sets WHERE version = ?")) {
      q.setString(1, version);
      return returnedId(q);
    }
  }

  static void applied(Connection c, long activation) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE rule_set_activations SET applied_at = now()"
        + " WHERE id = ? AND applied_at IS NULL")) {
      u.setLong(1, activation);
      u.executeUpdate();
    }
  }

  static void refused(Connection c, long activation, List<String> problems) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE rule_set_activations SET refused_at = now(),"
        + " problems = ?::jsonb WHERE id = ? AND refused_at IS NULL")) {
      u.setString(1, new JsonArray(List.copyOf(problems)).encode());
      u.setLong(2, activation);
      u.executeUpdate();
    }
  }

  /**
   * Drops the stored detector state of rules not in {@code ruleIds} (the device's own row stays): a
   * rule that comes back in a later rule set starts afresh instead of from state that stopped when it
   * went, which could hold a firing machine without an open incident.
   */
  static int forgetOtherRules(Connection c, Collection<String> ruleIds, String deviceKey) throws SQLException {
    try (PreparedStatement d = c
        .prepareStatement("DELETE FROM detector_state WHERE rule_id <> ? AND NOT (rule_id = ANY(?))")) {
      d.setString(1, deviceKey);
      d.setArray(2, c.createArrayOf("text", ruleIds.toArray()));
      return d.executeUpdate();
    }
  }

  private static List<Stored> list(PreparedStatement q) throws SQLException {
    List<Stored> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        out.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    return out;
  }

  private static long returnedId(PreparedStatement q) throws SQLException {
    try (ResultSet rs = q.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("no row returned");
      }
      return rs.getLong(1);
    }
  }
}
