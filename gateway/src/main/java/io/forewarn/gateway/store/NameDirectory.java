package io.forewarn.gateway.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cache of name → id for a registry table (devices, metrics). Misses are looked up, and
 * optionally registered, in their own short transactions, so a batch that later rolls back never
 * leaves the cache pointing at an id that does not exist.
 */
final class NameDirectory {
  private final String selectSql;
  private final String insertSql;
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private final Map<String, Integer> known = Collections.unmodifiableMap(ids);

  /**
   * @param table registry table with columns {@code id} and the name column
   * @param nameColumn unique text column
   * @param insertColumns extra columns set on registration, as {@code "col = 'value'"} SQL fragments' values
   */
  NameDirectory(String table, String nameColumn, String extraColumns, String extraValues) {
    this.selectSql = "SELECT " + nameColumn + ", id FROM " + table + " WHERE " + nameColumn + " = ANY(?)";
    this.insertSql = "INSERT INTO " + table + " (" + nameColumn + extraColumns + ") SELECT n" + extraValues
        + " FROM unnest(?::text[]) AS n ON CONFLICT (" + nameColumn + ") DO NOTHING";
  }

  Integer cached(String name) {
    return ids.get(name);
  }

  /** Every name resolved so far (read-only, live): what a batch looks ids up in once its misses are resolved. */
  Map<String, Integer> known() {
    return known;
  }

  int size() {
    return ids.size();
  }

  /** Resolves every name it can; registers the missing ones first when {@code register} is set. */
  Map<String, Integer> resolve(Connection c, Collection<String> names, boolean register) throws SQLException {
    Map<String, Integer> found = new HashMap<>();
    Set<String> missing = new LinkedHashSet<>();
    for (String name : names) {
      Integer id = ids.get(name);
      if (id != null) {
        found.put(name, id);
      } else {
        missing.add(name);
      }
    }
    if (missing.isEmpty()) {
      return found;
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try {
      if (register) {
        try (PreparedStatement insert = c.prepareStatement(insertSql)) {
          insert.setArray(1, c.createArrayOf("text", missing.toArray()));
          insert.executeUpdate();
        }
      }
      try (PreparedStatement select = c.prepareStatement(selectSql)) {
        Array array = c.createArrayOf("text", missing.toArray());
        select.setArray(1, array);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            ids.put(rs.getString(1), rs.getInt(2));
            found.put(rs.getString(1), rs.getInt(2));
          }
        }
      }
    } finally {
      c.setAutoCommit(autoCommit);
    }
    return found;
  }

  /** Number of rows in the registry table (for the metric catalogue limit). */
  static int count(Connection c, String table) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + table);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
