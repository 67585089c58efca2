package io.forewarn.gateway.store;

import io.forewarn.common.db.DbUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The writer thread's own connection, opened lazily and replaced after any failure. Not pooled:
 * it carries the session-local staging table, and only one thread uses it.
 */
public final class WriterConnection {
  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  /** A statement hung on a lock or a dead server is abandoned and retried rather than waited on forever. */
  private static final int SOCKET_TIMEOUT_SECONDS = 60;

  private final String jdbcUrl;
  private final String applicationName;
  private Connection connection;

  public WriterConnection(String dbUrl, String applicationName) {
    this.jdbcUrl = DbUrl.toJdbc(dbUrl);
    this.applicationName = applicationName;
  }

  Connection get() throws SQLException {
    if (connection != null && !connection.isClosed()) {
      return connection;
    }
    Properties props = new Properties();
    props.setProperty("ApplicationName", applicationName);
    props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("tcpKeepAlive", "true");
    Connection c = DriverManager.getConnection(jdbcUrl, props);
    try (Statement s = c.createStatement()) {
      s.execute(BatchWriter.STAGING_DDL);
      // The batch is acknowledged only after COMMIT returns, so the commit must be durable.
      s.execute("SET synchronous_commit = on");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    connection = c;
    return c;
  }

  void discard() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Already broken.
      }
      connection = null;
    }
  }
}
