package io.forewarn.ops.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * A list query built from optional filters: each {@link #and} with a non-null value adds one
 * condition with its parameter, {@link #page} the order and the page, {@link #list} runs it. The
 * values always travel as parameters, never as SQL text.
 */
public final class Query {
  private final StringBuilder sql;
  private final List<Object> params;

  /** {@code select} ends in a WHERE clause whose parameters are {@code firstParams}. */
  public Query(String select, Object... firstParams) {
    this.sql = new StringBuilder(select);
    this.params = new ArrayList<>(List.of(firstParams));
  }

  /** Adds {@code condition} (one {@code ?}) when {@code value} is present. */
  public Query and(String condition, Object value) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      params.add(value);
    }
    return this;
  }

  /** Adds a condition without a parameter. */
  public Query and(String condition) {
    sql.append(" AND ").append(condition);
    return this;
  }

  public Query page(String orderBy, int limit, int offset) {
    sql.append(" ORDER BY ").append(orderBy).append(" LIMIT ? OFFSET ?");
    params.add(limit);
    params.add(offset);
    return this;
  }

  public Future<JsonArray> list(Jdbc jdbc) {
    String text = sql.toString();
    List<Object> values = List.copyOf(params);
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement(text)) {
        Rows.bind(ps, values);
        return Rows.all(ps);
      }
    });
  }
}
