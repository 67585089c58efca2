package io.forewarn.gateway.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops old data. With the Apache edition of TimescaleDB (no job scheduler) it calls
 * {@code drop_chunks} itself; with the Timescale licence it installs retention policies once and
 * lets the database do it. Plain tables (rejects, ingest log) are trimmed with DELETE.
 */
public final class RetentionJob {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
  /** Readers of the ingest log (roll-ups, rules) are seconds behind; a week is ample. */
  static final Duration INGEST_LOG_RETENTION = Duration.ofDays(7);

  private final DataSource dataSource;
  private final MaintenanceSettings settings;
  private Boolean policiesInstalled;

  public RetentionJob(DataSource dataSource, MaintenanceSettings settings) {
    this.dataSource = dataSource;
    this.settings = settings;
  }

  /** Applies the configured chunk interval to new chunks; call once at start. */
  public void configureChunks() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c
            .prepareStatement("SELECT set_chunk_time_interval('telemetry', make_interval(secs => ?))")) {
      s.setLong(1, settings.chunkInterval().toSeconds());
      s.execute();
    }
  }

  public void runOnce() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (policiesInstalled == null) {
        policiesInstalled = "timescale".equals(license(c)) && installPolicies(c);
      }
      if (!policiesInstalled) {
        dropChunks(c, "telemetry", settings.rawRetention());
        dropChunks(c, "device_status", settings.rawRetention());
        dropChunks(c, "telemetry_1m", settings.minuteRollupRetention());
        dropChunks(c, "telemetry_1h", settings.hourRollupRetention());
      }
      int rejects = delete(c, "DELETE FROM rejected_messages WHERE received_at < now() - make_interval(secs => ?)",
          settings.rejectRetention());
      int batches = delete(c, "DELETE FROM ingest_batches WHERE committed_at < now() - make_interval(secs => ?)",
          INGEST_LOG_RETENTION);
      if (rejects + batches > 0) {
        LOG.info("retention: deleted {} old rejects and {} old ingest-log rows", rejects, batches);
      }
    }
  }

  private static String license(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW timescaledb.license")) {
      return rs.next() ? rs.getString(1) : "apache";
    }
  }

  private boolean installPolicies(Connection c) throws SQLException {
    String sql = "SELECT add_retention_policy(?, drop_after => make_interval(secs => ?), if_not_exists => true)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (var table : new String[] {"telemetry", "device_status", "telemetry_1m", "telemetry_1h"}) {
        s.setString(1, table);
        s.setLong(2, retentionOf(table).toSeconds());
        s.execute();
      }
    }
    LOG.info("TimescaleDB licence allows policies: retention is run by the database");
    return true;
  }

  private Duration retentionOf(String table) {
    return switch (table) {
      case "telemetry_1m" -> settings.minuteRollupRetention();
      case "telemetry_1h" -> settings.hourRollupRetention();
      default -> settings.rawRetention();
    };
  }

  private static void dropChunks(Connection c, String table, Duration olderThan) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM drop_chunks(?, older_than => now() - make_interval(secs => ?))")) {
      s.setString(1, table);
      s.setLong(2, olderThan.toSeconds());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next() && rs.getLong(1) > 0) {
          LOG.info("retention: dropped {} chunk(s) of {} older than {}", rs.getLong(1), table, olderThan);
        }
      }
    }
  }

  private static int delete(Connection c, String sql, Duration olderThan) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, olderThan.toSeconds());
      return s.executeUpdate();
    }
  }
}
