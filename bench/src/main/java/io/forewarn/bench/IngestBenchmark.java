package io.forewarn.bench;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end ingest benchmark: private Mosquitto (project config) → gateway process(es) → a
 * throw-away TimescaleDB database. Stepped open-loop rates, each held for the step duration, a
 * zero-loss check (rows counted) after each step, publish→committed latency from the database, CPU
 * and memory of every process, and the psql \copy ceiling in the same run.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o = BenchOptions.parse(args);
    PrintStream out = System.out;
    out.printf("ingest benchmark: steps %s msg/s, %ds each, %d devices, %d metrics/msg, %d gateway(s)%n",
        o.rates(), o.stepSeconds(), o.devices(), o.metrics(), o.gateways());
    Path work = Files.createTempDirectory("forewarn-bench");
    List<StepResult> results = new ArrayList<>();
    double ceiling;
    try (TestDatabase db = TestDatabase.create("forewarn_bench"); TestMosquitto broker = TestMosquitto.start()) {
      List<GatewayProcess> gateways = new ArrayList<>();
      try {
        for (int g = 0; g < o.gateways(); g++) {
          Map<String, String> env = new HashMap<>();
          env.put("FOREWARN_DB_URL", db.jdbcUrl());
          env.put("FOREWARN_MQTT_URI", broker.uri());
          env.put("FOREWARN_MQTT_CLIENT_ID", "bench-gw-" + g + "-" + ProcessHandle.current().pid());
          env.put("FOREWARN_LOG_LEVEL", "WARN");
          GatewayProcess gw = new GatewayProcess(o.gatewayJar(), env, 19_100 + g, work.resolve("gateway-" + g + ".log"));
          gateways.add(gw);
          gw.awaitHealthy(Duration.ofSeconds(60));
        }
        String system = o.gateways() == 1 ? "Forewarn gateway" : "Forewarn gateway x" + o.gateways();
        try (OpenLoopPublisher pub = new OpenLoopPublisher(broker.uri(), o.connections(), o.devices(), o.metrics(),
            Long.toString(ProcessHandle.current().pid()))) {
          out.printf("warm-up: %ds at %d msg/s%n", o.warmupSeconds(), o.rates().getFirst());
          pub.run(o.rates().getFirst(), Duration.ofSeconds(o.warmupSeconds()));
          awaitStored(db, pub.sent(), Duration.ofSeconds(60));
          for (int rate : o.rates()) {
            StepResult r = step(system, rate, o, db, broker, gateways, pub);
            results.add(r);
            out.printf("%s @ %d msg/s: published %d (%.0f/s), stored %d, lost %d, dup %d, drain %.1fs, "
                    + "p50 %.0f ms, p99 %.0f ms, max %.0f ms, CPU gw %.0f%% broker %.0f%% db %.0f%% pub %.0f%%, RSS %.0f MiB%s%n",
                r.system(), rate, r.published(), r.achievedRate(), r.stored(), r.lost(), r.duplicates(), r.drainSeconds(),
                r.p50Ms(), r.p99Ms(), r.maxMs(), r.gatewayCpu(), r.brokerCpu(), r.dbCpu(), r.publisherCpu(),
                r.gatewayRssMiB(), r.sustained() ? "  SUSTAINED" : "");
          }
        }
      } finally {
        for (GatewayProcess gw : gateways) {
          gw.close();
        }
      }
      out.printf("psql \\copy ceiling: %d rows...%n", o.copyRows());
      ceiling = CopyCeiling.measure(db.jdbcUrl().replace("jdbc:", ""),
          o.copyRows(), o.devices(), o.metrics(), work);
      out.printf("psql \\copy ceiling: %.0f rows/s%n", ceiling);
    }
    BenchReport.write(o, results, ceiling, out);
  }

  private static StepResult step(String system, int rate, BenchOptions o, TestDatabase db, TestMosquitto broker,
      List<GatewayProcess> gateways, OpenLoopPublisher pub) throws Exception {
    List<Long> gwPids = gateways.stream().map(GatewayProcess::pid).toList();
    List<Long> dbPids = ProcessStats.postgresPids();
    long sentBefore = pub.sent();
    long storedBefore = storedRows(db)[0];
    double gw0 = ProcessStats.cpuSeconds(gwPids);
    double br0 = ProcessStats.cpuSeconds(List.of(broker.pid()));
    double db0 = ProcessStats.cpuSeconds(dbPids);
    double pub0 = ProcessStats.cpuSeconds(List.of(ProcessHandle.current().pid()));
    Instant from = Instant.now();
    long t0 = System.nanoTime();
    pub.run(rate, Duration.ofSeconds(o.stepSeconds()));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double gwCpu = ProcessStats.cpuSeconds(gwPids) - gw0;
    double brCpu = ProcessStats.cpuSeconds(List.of(broker.pid())) - br0;
    double dbCpu = ProcessStats.cpuSeconds(dbPids) - db0;
    double pubCpu = ProcessStats.cpuSeconds(List.of(ProcessHandle.current().pid())) - pub0;
    double rss = ProcessStats.rssMiB(gwPids);
    long published = pub.sent() - sentBefore;
    long t1 = System.nanoTime();
    pub.awaitAcks(Duration.ofSeconds(120));
    awaitStored(db, pub.sent(), Duration.ofSeconds(180));
    double drain = (System.nanoTime() - t1) / 1e9;
    Instant to = Instant.now();
    long stored = countRows(db, from, to);
    long duplicates = storedRows(db)[1];
    double[] latency = latencyMs(db, from, to);
    return new StepResult(system, rate, seconds, published, pub.acked(), stored, duplicates, drain,
        latency[0], latency[1], latency[2], 100 * gwCpu / seconds, 100 * brCpu / seconds, 100 * dbCpu / seconds,
        100 * pubCpu / seconds, rss);
  }

  /** Sum of rows stored and skipped as duplicates, from the ingest log (cheap to poll). */
  private static long[] storedRows(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); var s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(sum(rows_stored),0), coalesce(sum(rows_duplicate),0)"
            + " FROM ingest_batches")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static void awaitStored(TestDatabase db, long expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (storedRows(db)[0] < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  /** The zero-loss check: rows actually in the hypertable for the step's publish window. */
  private static long countRows(TestDatabase db, Instant from, Instant to) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM telemetry WHERE ts >= ? AND ts < ?")) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Publish (the payload ts) → commit of the batch holding the row: p50, p99, max in ms. */
  private static double[] latencyMs(TestDatabase db, Instant from, Instant to) throws SQLException {
    String sql = "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY l), percentile_cont(0.99) WITHIN GROUP"
        + " (ORDER BY l), max(l) FROM (SELECT extract(epoch FROM b.committed_at - t.ts) * 1000 AS l"
        + " FROM telemetry t JOIN ingest_batches b ON b.id = t.batch_id WHERE t.ts >= ? AND t.ts < ?) x";
    try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setTimestamp(1, Timestamp.from(from));
      s.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)};
      }
    }
  }
}
