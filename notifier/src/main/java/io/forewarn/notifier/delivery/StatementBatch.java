package io.forewarn.notifier.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statements of one transaction, one JDBC batch per SQL text, executed in the order each text
 * was first used. A round of 100 outcomes is then a handful of pipelined batches instead of 200
 * round trips. Only for writes that touch different rows, so running them grouped by statement
 * gives the same result as running them one after another.
 */
final class StatementBatch implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();

  StatementBatch(Connection connection) {
    this.connection = connection;
  }

  /** The statement for {@code sql}; set its parameters, then call {@code addBatch()}. */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  void execute() throws SQLException {
    for (PreparedStatement ps : statements.values()) {
      ps.executeBatch();
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
