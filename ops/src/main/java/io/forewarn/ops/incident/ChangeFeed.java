package io.forewarn.ops.incident;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The incident changes a live stream hands out, by commit rather than by change number (a change is
 * numbered when it is written, so number 10 can commit after number 11). A position is a database
 * snapshot: every change whose transaction ({@code incidents.change_xid}, migration V12) is visible in
 * it has been handed out. A round takes the current snapshot as its target and hands out the changes
 * visible in the target but not in the position, i.e. those committed in between, page by page; a
 * short page ends the round and the target becomes the position. So every committed change is handed
 * out once, whatever order the writers commit in, and no running transaction holds the others back.
 * A row changed again during a round is handed out once, in its latest state, in the next round.
 */
public final class ChangeFeed {
  private static final String PAGE = "SELECT " + IncidentStore.COLUMNS + ", i.change_xid::text AS change_xid"
      + IncidentStore.FROM
      + " AND i.change_xid >= pg_snapshot_xmin(?::pg_snapshot) AND i.change_xid < pg_snapshot_xmax(?::pg_snapshot)"
      + " AND pg_visible_in_snapshot(i.change_xid, ?::pg_snapshot)"
      + " AND NOT pg_visible_in_snapshot(i.change_xid, ?::pg_snapshot)"
      + " AND (i.change_xid, i.id) > (?::xid8, ?) ORDER BY i.change_xid, i.id LIMIT ?";

  /**
   * Where a stream is.
   *
   * @param seen     snapshot whose visible changes are done
   * @param target   the snapshot the current round hands out up to, or null between rounds
   * @param afterXid with {@code afterId}: the last change handed out in the current round ("0" at its start)
   */
  public record Position(String seen, String target, String afterXid, long afterId) {
    public Position {
      Objects.requireNonNull(seen, "seen");
      Objects.requireNonNull(afterXid, "afterXid");
    }

    static Position at(String snapshot) {
      return new Position(snapshot, null, "0", 0);
    }
  }

  /** Changes in commit order and the position after them. */
  public record Page(JsonArray items, Position next) {}

  private final Jdbc jdbc;

  public ChangeFeed(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Now: a stream opened here hands out what commits from now on. */
  public Future<Position> start() {
    return jdbc.call(c -> Position.at(snapshot(c)));
  }

  /** The next changes the tenant can see, at most {@code limit}. */
  public Future<Page> next(int tenantId, Position from, int limit) {
    return jdbc.call(c -> page(c, tenantId, from.target() == null
        ? new Position(from.seen(), snapshot(c), "0", 0) : from, limit));
  }

  private static Page page(Connection c, int tenantId, Position p, int limit) throws SQLException {
    JsonArray items;
    try (PreparedStatement ps = c.prepareStatement(PAGE)) {
      ps.setInt(1, tenantId);
      ps.setString(2, p.seen());
      ps.setString(3, p.target());
      ps.setString(4, p.target());
      ps.setString(5, p.seen());
      ps.setString(6, p.afterXid());
      ps.setLong(7, p.afterId());
      ps.setInt(8, limit);
      items = Rows.all(ps);
    }
    JsonObject last = items.isEmpty() ? null : items.getJsonObject(items.size() - 1);
    Position next = items.size() < limit ? Position.at(p.target())
        : new Position(p.seen(), p.target(), last.getString("change_xid"), last.getLong("id"));
    items.forEach(o -> ((JsonObject) o).remove("change_xid"));
    return new Page(items, next);
  }

  private static String snapshot(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_snapshot()::text");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }
}
