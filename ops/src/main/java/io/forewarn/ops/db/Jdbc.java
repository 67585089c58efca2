package io.forewarn.ops.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs JDBC work on a Vert.x worker thread with a pooled connection, never on the event loop. */
public final class Jdbc {
  /** A unit of JDBC work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Vertx vertx;
  private final DataSource dataSource;

  public Jdbc(Vertx vertx, DataSource dataSource) {
    this.vertx = vertx;
    this.dataSource = dataSource;
  }

  /** Autocommit work (one statement, or reads). */
  public <T> Future<T> call(Work<T> work) {
    return vertx.executeBlocking(() -> {
      try (Connection c = dataSource.getConnection()) {
        return work.run(c);
      }
    }, false);
  }

  /** Work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> Future<T> transaction(Work<T> work) {
    return vertx.executeBlocking(() -> {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      }
    }, false);
  }
}
