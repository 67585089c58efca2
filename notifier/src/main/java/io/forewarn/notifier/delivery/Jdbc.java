package io.forewarn.notifier.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** One transaction around a piece of JDBC work; always called on a worker thread. */
public final class Jdbc {
  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database: " + e.getMessage(), e);
    }
  }

  /**
   * A transaction whose commit does not wait for the WAL flush. Only for writes that a lost
   * commit cannot make unsafe: recording a send's outcome. If the database loses the last
   * commits, those deliveries are still 'sending' (that mark is always a normal commit), and the
   * recovery rule reconciles them exactly as after a notifier crash.
   */
  public <T> T inRelaxedTransaction(Work<T> work) {
    return inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("SET LOCAL synchronous_commit = off");
      }
      return work.run(c);
    });
  }

  static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
