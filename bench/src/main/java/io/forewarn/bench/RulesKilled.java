package io.forewarn.bench;

import io.forewarn.common.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules service killed (SIGKILL) twice while it works through a backlog, and restarted. The simulator
 * writes a fleet history with seeded faults into one database, which is copied (CREATE DATABASE ...
 * TEMPLATE) so both runs see the very same rows and batches. The reference copy is evaluated by one
 * rules process without interruption; the other by a process killed at a third and at two thirds of the
 * batches. Incidents (fingerprint, rule, device, opened/firing/resolved times, state) and outbox rows
 * (incident + transition) must be the same sets, with nothing twice.
 */
final class RulesKilled {
  private static final Duration CATCH_UP = Duration.ofMinutes(4);
  /**
   * An incident is identified by its fingerprint and its episode (the n-th incident of that fingerprint
   * by opening time), not by its instants: in the service the clock ticks once per cycle, and a restart
   * re-reads from the committed horizon, so cycle boundaries — and with them the instant at which a tick
   * notices a silence or a forecast runs out — shift by up to a cycle's worth of data. Those instants are
   * compared separately ({@link #drift}); a lost, duplicated or extra incident or outbox row is a key.
   */
  private static final String EPISODES = "SELECT id, fingerprint, rule_id, device_id, state, opened_at, resolved_at,"
      + " row_number() OVER (PARTITION BY fingerprint ORDER BY opened_at) AS episode FROM incidents";
  private static final String INCIDENT_KEYS = "SELECT 'incident ' || fingerprint || ' #' || episode || ' ' || rule_id"
      + " || ' ' || coalesce(device_id::text, '-') || ' ' || state FROM (" + EPISODES + ") i";
  private static final String OUTBOX_KEYS = "SELECT 'outbox ' || i.fingerprint || ' #' || i.episode || ' ' ||"
      + " o.transition FROM outbox o JOIN (" + EPISODES + ") i ON i.id = o.incident_id";
  private static final String INSTANTS = "SELECT fingerprint || ' #' || episode, extract(epoch FROM opened_at),"
      + " extract(epoch FROM resolved_at) FROM (" + EPISODES + ") i";
  private static final String BATCHES_LEFT = "SELECT count(*) FROM ingest_batches WHERE xid >= coalesce("
      + "(SELECT horizon FROM batch_cursors WHERE name = 'rules'), '0'::xid8)";

  private final Path rulesJar;
  private final Path simulatorJar;
  private final Path logs;
  private final String adminUrl;
  private final int days;
  private final int devices;

  RulesKilled(Path rulesJar, Path simulatorJar, Path logs, String adminUrl, boolean isShort) {
    this.rulesJar = rulesJar;
    this.simulatorJar = simulatorJar;
    this.logs = logs;
    this.adminUrl = adminUrl;
    this.days = isShort ? 1 : 7;
    this.devices = isShort ? 200 : 1_000;
  }

  String fault() {
    return "kill -9 right after a committed cycle, twice, early in a " + days + "-day, " + devices
        + "-device backlog; restart after 1 s";
  }

  ReliabilitySuite.Outcome run() throws Exception {
    try (TestDatabase reference = TestDatabase.create("relrules")) {
      writeHistory(reference);
      String killedName = reference.name() + "_k";
      copy(reference.name(), killedName);
      try {
        String killedUrl = reference.jdbcUrl().replace("/" + reference.name(), "/" + killedName);
        long batches = count(reference.jdbcUrl(), "SELECT count(*) FROM ingest_batches");
        // Reference: one uninterrupted process.
        try (ServiceProcess p = start(reference.jdbcUrl(), "ref")) {
          awaitBatchesLeft(reference.jdbcUrl(), 0, CATCH_UP);
          settle();
        }
        // Killed: two SIGKILLs mid-backlog.
        Instant lastRestart = null;
        List<Long> killedAt = new java.util.ArrayList<>();
        ServiceProcess p = start(killedUrl, "killed");
        try {
          long left = batches;
          for (int kill = 0; kill < 2; kill++) {
            // Right after a committed cycle, so the kill lands inside the backlog however fast the engine is.
            awaitBatchesLeft(killedUrl, left - 1, CATCH_UP);
            p.kill();
            left = count(killedUrl, BATCHES_LEFT);
            killedAt.add(left);
            Thread.sleep(1_000);
            p = start(killedUrl, "killed");
            lastRestart = Instant.now();
          }
          awaitBatchesLeft(killedUrl, 0, CATCH_UP);
          settle();
        } finally {
          p.close();
        }
        double recovery = Duration.between(lastRestart, Instant.now()).toMillis() / 1000.0;
        if (killedAt.contains(0L)) {
          throw new IllegalStateException("a kill missed the backlog (batches left at the kills: " + killedAt
              + "); make the history longer");
        }
        return compare(reference.jdbcUrl(), killedUrl, recovery,
            "killed with " + killedAt.get(0) + " and " + killedAt.get(1) + " of " + batches + " batches left");
      } finally {
        admin("DROP DATABASE IF EXISTS " + killedName + " WITH (FORCE)");
      }
    }
  }

  /** Row by row against the reference: each key as often as there, never more, nothing else. */
  private ReliabilitySuite.Outcome compare(String referenceUrl, String killedUrl, double recovery, String kills)
      throws SQLException {
    Map<String, Integer> expected = keys(referenceUrl);
    Map<String, Integer> actual = keys(killedUrl);
    long expectedRows = expected.values().stream().mapToLong(Integer::longValue).sum();
    long rows = actual.values().stream().mapToLong(Integer::longValue).sum();
    long lost = 0;
    long extraCopies = 0;
    Set<String> all = new HashSet<>(expected.keySet());
    all.addAll(actual.keySet());
    Set<String> unexpected = new HashSet<>();
    for (String key : all) {
      int want = expected.getOrDefault(key, 0);
      int got = actual.getOrDefault(key, 0);
      lost += Math.max(0, want - got);
      if (want == 0) {
        unexpected.add(key);
      } else {
        extraCopies += Math.max(0, got - want);
      }
    }
    if (lost > 0 || !unexpected.isEmpty() || extraCopies > 0) {
      System.out.println("  rules: expected " + expected + "\n  rules: actual " + actual);
    }
    long unexpectedRows = unexpected.stream().mapToLong(actual::get).sum();
    kills += "; opened/resolved instants of the same incidents differ by at most "
        + String.format(java.util.Locale.ROOT, "%.1f", drift(referenceUrl, killedUrl)) + " s (cycle ticks)";
    return new ReliabilitySuite.Outcome("rules service killed mid-backlog", fault(), (int) expectedRows, expectedRows,
        rows, rows - extraCopies, lost, unexpectedRows, recovery,
        incidents(expected) + " incidents + " + (expectedRows - incidents(expected)) + " outbox rows expected; "
            + kills);
  }

  /** Largest difference, in seconds, between the opened/resolved instants of matching incidents. */
  private static double drift(String referenceUrl, String killedUrl) throws SQLException {
    Map<String, double[]> a = instants(referenceUrl);
    Map<String, double[]> b = instants(killedUrl);
    double max = 0;
    for (Map.Entry<String, double[]> e : a.entrySet()) {
      double[] other = b.get(e.getKey());
      if (other != null) {
        for (int i = 0; i < 2; i++) {
          if (!Double.isNaN(e.getValue()[i]) && !Double.isNaN(other[i])) {
            max = Math.max(max, Math.abs(e.getValue()[i] - other[i]));
          }
        }
      }
    }
    return max;
  }

  private static Map<String, double[]> instants(String url) throws SQLException {
    Map<String, double[]> m = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(INSTANTS)) {
      while (rs.next()) {
        double opened = rs.getDouble(2);
        double resolved = rs.getDouble(3);
        m.put(rs.getString(1), new double[] {opened, rs.wasNull() ? Double.NaN : resolved});
      }
    }
    return m;
  }

  private static long incidents(Map<String, Integer> keys) {
    return keys.entrySet().stream().filter(e -> e.getKey().startsWith("incident ")).mapToLong(e -> e.getValue()).sum();
  }

  /** Every incident and outbox row as a comparable key, with how often it occurs. */
  private static Map<String, Integer> keys(String url) throws SQLException {
    Map<String, Integer> keys = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : List.of(INCIDENT_KEYS, OUTBOX_KEYS)) {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            keys.merge(rs.getString(1), 1, Integer::sum);
          }
        }
      }
    }
    return keys;
  }

  private void writeHistory(TestDatabase db) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        simulatorJar.toString(), "history", "--days", String.valueOf(days), "--devices", String.valueOf(devices),
        "--seed", "42", "--chunk-rows", "20", "--writers", "1", "--db-url", db.jdbcUrl(),
        "--truth-file", logs.resolve(db.name() + "-truth.json").toString())
        .redirectErrorStream(true).redirectOutput(logs.resolve(db.name() + "-history.log").toFile()).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("simulator history failed; see " + logs.resolve(db.name() + "-history.log"));
    }
  }

  private ServiceProcess start(String url, String tag) throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>(Map.of("FOREWARN_DB_URI", url, "FOREWARN_RULES_INCLUDE_HISTORY", "true",
        "FOREWARN_RULES_POLL", "200ms", "FOREWARN_LOG_LEVEL", "WARN"));
    ServiceProcess p = new ServiceProcess(rulesJar, env, "FOREWARN_RULES_HTTP_PORT", 19_300,
        logs.resolve("rules-" + tag + ".log"));
    p.awaitListening(Duration.ofSeconds(60));
    return p;
  }

  /** A few more cycles after the backlog, so clock ticks and held-back silences are written too. */
  private static void settle() throws InterruptedException {
    Thread.sleep(3_000);
  }

  private static void awaitBatchesLeft(String url, long atMost, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(url, BATCHES_LEFT) > atMost) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("rules did not get below " + atMost + " batches left within " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** A template copy needs the source idle; the simulator's last connections may still be closing. */
  private void copy(String from, String to) throws SQLException, InterruptedException {
    for (int attempt = 1;; attempt++) {
      try {
        admin("CREATE DATABASE " + to + " TEMPLATE " + from);
        return;
      } catch (SQLException busy) {
        if (attempt == 20) {
          throw busy;
        }
        Thread.sleep(500);
      }
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
