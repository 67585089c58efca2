package io.forewarn.ops.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Result rows as JSON with the column labels as keys: timestamps as ISO-8601 UTC, jsonb as objects,
 * arrays as arrays. The SQL chooses the labels, so the JSON field names are visible in one place.
 */
public final class Rows {
  private Rows() {}

  public static JsonArray all(PreparedStatement ps) throws SQLException {
    JsonArray out = new JsonArray();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  /** The first row, or null. */
  public static JsonObject first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? row(rs) : null;
    }
  }

  public static JsonObject row(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    JsonObject o = new JsonObject();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      o.put(md.getColumnLabel(i), value(rs, i, md.getColumnType(i), md.getColumnTypeName(i)));
    }
    return o;
  }

  public static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof Instant t) {
        ps.setTimestamp(i + 1, Timestamp.from(t));
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  private static Object value(ResultSet rs, int i, int type, String typeName) throws SQLException {
    switch (type) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        Timestamp ts = rs.getTimestamp(i);
        return ts == null ? null : ts.toInstant().toString();
      }
      case Types.ARRAY -> {
        Array a = rs.getArray(i);
        if (a == null) {
          return null;
        }
        JsonArray out = new JsonArray();
        for (Object element : (Object[]) a.getArray()) {
          out.add(element instanceof Number || element instanceof Boolean ? element
              : element == null ? null : element.toString());
        }
        return out;
      }
      default -> {
        Object v = rs.getObject(i);
        if (v == null) {
          return null;
        }
        if ("jsonb".equals(typeName) || "json".equals(typeName)) {
          String text = rs.getString(i);
          return text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof String) {
          return v;
        }
        return v.toString();
      }
    }
  }
}
