package io.forewarn.common.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connection pools and schema migrations, shared by every Forewarn service. */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private Database() {}

  /**
   * A pool that starts even when the database is down (services come up, report unhealthy, and
   * connect when it is back) and validates connections before use.
   */
  public static HikariDataSource pool(String url, int size, String poolName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(DbUrl.toJdbc(url));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(Math.min(1, size));
    config.setPoolName(poolName);
    config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("ApplicationName", poolName);
    config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    return new HikariDataSource(config);
  }

  /**
   * Brings the schema to the latest version; safe to run from several services at once. Versions are
   * numbered by area (1-9 shared schema, 10-19 ops, 20-29 rules, 30-39 notifier; docs/storage.md), so
   * a new migration of one area can be lower than one another area already applied: out of order is
   * allowed, and each area's migrations touch only what that area owns or adds.
   */
  public static MigrateResult migrate(javax.sql.DataSource dataSource) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .outOfOrder(true)
        .load()
        .migrate();
    LOG.info("schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
        result.migrationsExecuted);
    return result;
  }
}
