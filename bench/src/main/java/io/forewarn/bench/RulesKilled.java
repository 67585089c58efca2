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
   * An instant inside the data is judged in data time and must match exactly; one after the last sample
   * comes from the wall clock (a tick that found a device silent) and differs between any two runs.
   */
  private static final String DATA_TIME = "CASE WHEN %1$s IS NULL THEN '-' WHEN %1$s <= (SELECT max(ts) FROM telemetry)"
      + " THEN %1$s::text ELSE 'after-data' END";
  private static final String INCIDENT_KEYS = "SELECT 'incident ' || i.fingerprint || ' ' || i.rule_id || ' ' ||"
      + " coalesce(i.device_id::text, '-') || ' ' || " + DATA_TIME.formatted("i.opened_at") + " || ' ' || "
      + DATA_TIME.formatted("i.firing_at") + " || ' ' || i.state || ' ' || " + DATA_TIME.formatted("i.resolved_at")
      + " FROM incidents i";
  private static final String OUTBOX_KEYS = "SELECT 'outbox ' || i.fingerprint || ' ' || "
      + DATA_TIME.formatted("i.opened_at") + " || ' ' || o.transition FROM outbox o JOIN incidents i ON i.id = o.incident_id";
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
    return "kill -9 twice mid-way through a " + days + "-day, " + devices + "-device backlog; restart after 1 s";
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
    return new ReliabilitySuite.Outcome("rules service killed mid-backlog", fault(), (int) expectedRows, expectedRows,
        rows, rows - extraCopies, lost, unexpectedRows, recovery,
        incidents(expected) + " incidents + " + (expectedRows - incidents(expected)) + " outbox rows expected; " + kills);
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
    for (int attempt = 1; ; attempt++) {
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
