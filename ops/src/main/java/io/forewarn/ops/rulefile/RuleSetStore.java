package io.forewarn.ops.rulefile;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Rows;
import io.forewarn.rules.ruleset.RuleSet;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fleet's rule sets in the database (migration V20, docs/rules.md "Rule sets"). The active one is
 * that of the newest activation whose content the rules service's loader accepts, read the way the
 * rules service reads it; it is cached per newest activation id, so a request costs one primary-key
 * lookup. Changes append to the activation chain, whose unique {@code previous_id} turns a concurrent
 * change into a conflict instead of a lost update.
 */
public final class RuleSetStore {
  /** How far back the active rule set is looked for when the newest activations are not valid. */
  private static final int WALK_BACK = 50;
  private static final String ACTIVATIONS = "SELECT a.id, s.version, s.origin, s.source, s.content, a.activated_at,"
      + " a.applied_at FROM rule_set_activations a JOIN rule_sets s ON s.id = a.rule_set_id ORDER BY a.id DESC LIMIT ?";

  /** The active rule set as of activation {@code head} (0: none stored yet, {@code view} shows the file). */
  private record Active(long head, String version, RuleSet rules, JsonObject view) {}

  /** What a change did. */
  public sealed interface Change {
    record Done(JsonObject activation) implements Change {}
    record NotSeeded() implements Change {}
    record NotFound() implements Change {}
    record Invalid(List<String> problems) implements Change {}
    record ActiveChanged(String active) implements Change {}
    record VersionExists() implements Change {}
    record AlreadyActive() implements Change {}
  }

  private final Jdbc jdbc;
  private final RuleFiles files;
  private final AtomicReference<Active> cache = new AtomicReference<>();

  public RuleSetStore(Jdbc jdbc, RuleFiles files) {
    this.jdbc = jdbc;
    this.files = files;
  }

  /** The active rule set: version, content, when activated, whether the rules service has applied it. */
  public Future<JsonObject> active() {
    return jdbc.call(c -> current(c).view().copy());
  }

  /** Levels a chart draws for a model's metric, from the active rule set. */
  public Future<JsonArray> thresholds(String model, String metric) {
    return jdbc.call(c -> RuleFiles.thresholds(current(c).rules(), model, metric));
  }

  /** Versions newest first (without content) and the newest activations, with who, when and why. */
  public Future<JsonObject> versions(int limit, int offset) {
    return jdbc.call(c -> {
      String active = current(c).version();
      JsonArray items;
      try (PreparedStatement ps = c.prepareStatement("SELECT version, origin, source, created_by, created_at, reason"
          + " FROM rule_sets ORDER BY id DESC LIMIT ? OFFSET ?")) {
        ps.setInt(1, limit);
        ps.setInt(2, offset);
        items = Rows.all(ps);
      }
      items.forEach(o -> ((JsonObject) o).put("active", active.equals(((JsonObject) o).getString("version"))));
      JsonArray activations;
      try (PreparedStatement ps = c.prepareStatement("SELECT a.id, s.version, a.activated_by, a.activated_at, a.reason,"
          + " a.applied_at, a.refused_at, a.problems FROM rule_set_activations a JOIN rule_sets s ON s.id = a.rule_set_id"
          + " ORDER BY a.id DESC LIMIT 100")) {
        activations = Rows.all(ps);
      }
      return new JsonObject().put("active", active).put("items", items).put("limit", limit).put("offset", offset)
          .put("activations", activations);
    });
  }

  /** One stored version with its content (or, if the loader refuses it, the text and its problems); null if unknown. */
  public Future<JsonObject> version(String version) {
    return jdbc.call(c -> {
      JsonObject row;
      try (PreparedStatement ps = c.prepareStatement("SELECT version, origin, source, created_by, created_at, reason,"
          + " content FROM rule_sets WHERE version = ?")) {
        ps.setString(1, version);
        row = Rows.first(ps);
      }
      if (row == null) {
        return null;
      }
      String content = (String) row.remove("content");
      RuleFiles.Parsed p = files.parseStored(content, version);
      return p.rules() == null ? row.put("content", content).put("problems", p.problems())
          : row.mergeIn(RuleFiles.describe(p.rules(), content)).put("active", version.equals(current(c).version()));
    });
  }

  /** Stores a new version and activates it, if the active one is still {@code expected}. */
  public Future<Change> submit(String content, String version, String reason, String expected, String actor) {
    return jdbc.transaction(c -> {
      long head = headId(c);
      if (head == 0) {
        return new Change.NotSeeded();
      }
      String active = activeIn(c, head).version();
      if (!active.equals(expected)) {
        return new Change.ActiveChanged(active);
      }
      Long id;
      try (PreparedStatement ps = c
          .prepareStatement("INSERT INTO rule_sets (version, content, origin, created_by, reason)"
              + " VALUES (?, ?, 'api', ?, ?) ON CONFLICT (version) DO NOTHING RETURNING id")) {
        ps.setString(1, version);
        ps.setString(2, content);
        ps.setString(3, actor);
        ps.setString(4, reason);
        try (ResultSet rs = ps.executeQuery()) {
          id = rs.next() ? rs.getLong(1) : null;
        }
      }
      return id == null ? new Change.VersionExists() : append(c, id, head, actor, reason, active);
    });
  }

  /** Activates a stored version again (a rollback), if the active one is still {@code expected}. */
  public Future<Change> activate(String version, String reason, String expected, String actor) {
    return jdbc.transaction(c -> {
      long head = headId(c);
      if (head == 0) {
        return new Change.NotSeeded();
      }
      long id;
      String content;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, content FROM rule_sets WHERE version = ?")) {
        ps.setString(1, version);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return new Change.NotFound();
          }
          id = rs.getLong(1);
          content = rs.getString(2);
        }
      }
      RuleFiles.Parsed p = files.parseStored(content, version);
      if (p.rules() == null) {
        return new Change.Invalid(p.problems());
      }
      String active = activeIn(c, head).version();
      if (!active.equals(expected)) {
        return new Change.ActiveChanged(active);
      }
      return active.equals(version) ? new Change.AlreadyActive() : append(c, id, head, actor, reason, active);
    });
  }

  /**
   * Appends an activation after {@code head}. Another writer that appended after it first makes the
   * unique previous_id refuse this one: the transaction is rolled back and the caller hears who won.
   */
  private Change append(Connection c, long ruleSetId, long head, String actor, String reason, String before)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_set_activations (rule_set_id, previous_id,"
        + " activated_by, reason) VALUES (?, ?, ?, ?) RETURNING id AS activation, activated_by, activated_at, reason,"
        + " (SELECT version FROM rule_sets WHERE id = rule_set_id) AS version")) {
      ps.setLong(1, ruleSetId);
      ps.setLong(2, head);
      ps.setString(3, actor);
      ps.setString(4, reason);
      return new Change.Done(Rows.first(ps).put("previous_version", before));
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      c.rollback();
      return new Change.ActiveChanged(activeIn(c, headId(c)).version());
    }
  }

  private Active current(Connection c) throws SQLException {
    long head = headId(c);
    Active cached = cache.get();
    if (cached != null && cached.head() == head) {
      return cached;
    }
    Active fresh = activeIn(c, head);
    cache.set(fresh);
    return fresh;
  }

  /** The newest activation whose content is valid, with the newest refused one above it if any. */
  private Active activeIn(Connection c, long head) throws SQLException {
    JsonObject refused = null;
    try (PreparedStatement ps = c.prepareStatement(ACTIVATIONS)) {
      ps.setInt(1, WALK_BACK);
      for (Object o : Rows.all(ps)) {
        JsonObject row = (JsonObject) o;
        String version = row.getString("version");
        String content = (String) row.remove("content");
        RuleFiles.Parsed p = files.parseStored(content, version);
        if (p.rules() == null) {
          refused = refused != null ? refused : new JsonObject().put("activation", row.getLong("id"))
              .put("version", version).put("problems", p.problems());
          continue;
        }
        JsonObject view = RuleFiles.describe(p.rules(), content).put("source", row.getString("source"))
            .put("origin", row.getString("origin")).put("activation", row.getLong("id"))
            .put("activated_at", row.getString("activated_at")).put("applied", row.getValue("applied_at") != null)
            .put("refused", refused);
        return new Active(head, version, p.rules(), view);
      }
    }
    JsonObject view = files.describeFile().put("activation", null).put("refused", refused)
        .put("note", head == 0 ? "not in the database yet: the rules service stores its rule file when it first starts"
            : "no valid rule set among the newest activations; the rules service cannot run either");
    return new Active(head, files.file().version(), files.file(), view);
  }

  private static long headId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM rule_set_activations");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
