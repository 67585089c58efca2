package io.forewarn.gateway.store;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Sorts database failures by what to do about them, from the SQLState in the cause chain. */
public final class DbErrors {

  /** What a failure means for the batch that hit it. */
  public enum Kind {
    /** Connection lost, server shutting down, overloaded, serialization/deadlock: retry with backoff. */
    TRANSIENT,
    /** A value the database refuses (class 22 data exception, 23 constraint): isolate and reject it. */
    DATA,
    /** Authentication, permissions, missing objects (classes 28, 42, 3D, 3F): a person must act. */
    SETUP
  }

  private DbErrors() {}

  public static Kind classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return classify(sql.getSQLState());
      }
      if (t instanceof SQLTransientException) {
        return Kind.TRANSIENT;
      }
    }
    // No SQLState anywhere: an I/O problem or a pool timeout, which the next attempt may not have.
    return Kind.TRANSIENT;
  }

  static Kind classify(String sqlState) {
    if (sqlState.startsWith("22") || sqlState.startsWith("23")) {
      return Kind.DATA;
    }
    if (sqlState.startsWith("28") || sqlState.startsWith("42") || sqlState.startsWith("3D")
        || sqlState.startsWith("3F")) {
      return Kind.SETUP;
    }
    // 08 connection, 53 resources, 57 operator intervention, 40 rollback, XX internal, and the rest.
    return Kind.TRANSIENT;
  }

  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return (sql.getSQLState() == null ? "" : "[" + sql.getSQLState() + "] ") + sql.getMessage();
      }
    }
    return String.valueOf(failure);
  }
}
