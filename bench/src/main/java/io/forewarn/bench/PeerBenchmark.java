package io.forewarn.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.simulator.load.LoadClient;
import io.forewarn.simulator.load.LoadConfig;
import io.forewarn.simulator.load.LoadGenerator;
import io.forewarn.simulator.load.RateStep;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * Forewarn against what a team would otherwise pick, in one run on one machine: the same private
 * Mosquitto configuration, the same schema and hypertable (a fresh database and broker per system, so
 * no system inherits another's backlog or table size), the same open-loop load from the simulator's
 * load generator, the same rate steps, the same zero-loss row count and the same latency probe.
 * Stepping stops for a system at its first step that is not sustained; then its latency is measured at
 * 50 % and 90 % of its highest sustained rate. See docs/benchmarks.md#peers.
 *
 * <pre>./forewarn bench-peers --systems copy,reference,nodered-batch,nodered-single,forewarn,forewarn2
 *     --rates 1000,2000,5000,10000 --step-seconds 120</pre>
 */
public final class PeerBenchmark {
  private static final String DEVICE_PREFIX = "bench";
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  /** Rows must be queryable within this of the step's end for the step to count as sustained. */
  private static final double MAX_DRAIN_SECONDS = 2.0;
  /** How long a system may go on writing after its last stepped step before the latency steps. */
  private static final Duration BACKLOG_WAIT = Duration.ofSeconds(90);
  private static final Duration SETTLE_POLL = Duration.ofSeconds(3);

  private PeerBenchmark() {}

  public static void main(String[] args) throws Exception {
    PeerOptions o = OptionArgs.parseOrExit(args, PeerOptions::parse, PeerOptions.USAGE);
    PrintStream out = System.out;
    out.printf("peer benchmark: systems %s, steps %s msg/s, %d s each, %d devices, %d metrics/msg%n", o.systems(),
        o.rates(), o.stepSeconds(), o.devices(), o.metrics());
    Path work = Files.createTempDirectory("forewarn-peers");
    List<PeerResult> results = new ArrayList<>();
    Map<String, String> acks = new LinkedHashMap<>();
    double ceiling = 0;
    for (String key : o.systems()) {
      if (key.equals("copy")) {
        try (TestDatabase db = migrated("peer_copy")) {
          ceiling = CopyCeiling.measure(db.jdbcUrl().replace("jdbc:", ""), o.copyRows(), o.devices(), o.metrics(),
              work);
          out.printf("psql \\copy ceiling: %.0f rows/s%n", ceiling);
        }
        continue;
      }
      try (PeerSystem system = o.system(key)) {
        // Ctrl-C must not leave a Node-RED or gateway process behind.
        Thread cleanup = new Thread(() -> closeQuietly(system));
        Runtime.getRuntime().addShutdownHook(cleanup);
        acks.put(system.name(), system.acknowledges());
        results.addAll(run(system, o, work, out));
        Runtime.getRuntime().removeShutdownHook(cleanup);
      }
    }
    PeerReport.write(o, results, acks, ceiling, out);
  }

  private static void closeQuietly(PeerSystem system) {
    try {
      system.close();
    } catch (Exception e) {
      System.err.println("could not stop " + system.name() + ": " + e);
    }
  }

  private static TestDatabase migrated(String prefix) {
    TestDatabase db = TestDatabase.create(prefix);
    try (HikariDataSource ds = Database.pool(db.jdbcUrl(), 2, "peer-migrate")) {
      Database.migrate(ds);
    }
    return db;
  }

  /** Stepped rates until one is not sustained, then the 50 % and 90 % latency steps. */
  private static List<PeerResult> run(PeerSystem system, PeerOptions o, Path work, PrintStream out) throws Exception {
    List<PeerResult> results = new ArrayList<>();
    try (TestDatabase db = migrated("peer"); TestMosquitto broker = TestMosquitto.start()) {
      system.start(broker.uri(), db.jdbcUrl(), work);
      out.printf("%s: started (%s)%n", system.name(), system.acknowledges());
      try (LatencyProbe probe = new LatencyProbe(system, broker.uri(), db.jdbcUrl(), o.metrics())) {
        Meter meter = new Meter(system, db, broker, probe);
        List<RateStep> steps = new ArrayList<>();
        steps.add(new RateStep(o.rates().getFirst(), Duration.ofSeconds(o.warmupSeconds())));
        o.rates().forEach(r -> steps.add(new RateStep(r, Duration.ofSeconds(o.stepSeconds()))));
        AtomicBoolean stop = new AtomicBoolean();
        load(o, broker, steps, stop, meter, "stepped", results, out);
        double max = results.stream().filter(PeerResult::sustained).mapToDouble(PeerResult::achievedRate).max()
            .orElse(0);
        if (o.latencySteps() && max > 0) {
          if (!settled(db, system.deviceId(db.jdbcUrl(), LatencyProbe.DEVICE), BACKLOG_WAIT)) {
            // A system that acknowledged on receipt is still writing the failed step's backlog from
            // memory; the latency steps would measure that backlog, not the system. Start it afresh
            // (which drops that backlog: what a crash would lose).
            out.printf("%s: still writing its backlog %d s after the last step; restarting it for the latency steps%n",
                system.name(), BACKLOG_WAIT.toSeconds());
            system.close();
            system.start(broker.uri(), db.jdbcUrl(), work);
          }
          List<RateStep> latency = List.of(new RateStep(Math.round(max * 0.5), Duration.ofSeconds(o.stepSeconds())),
              new RateStep(Math.round(max * 0.9), Duration.ofSeconds(o.stepSeconds())));
          load(o, broker, latency, new AtomicBoolean(), meter, null, results, out);
        }
      }
    }
    return results;
  }

  /** True once the load rows (the probe's excluded: it never stops) stop growing, two polls apart, within {@code limit}. */
  private static boolean settled(TestDatabase db, int probeDevice, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long now = db.queryLong("SELECT count(*) FROM telemetry WHERE device_id <> " + probeDevice);
      if (now == last) {
        return true;
      }
      last = now;
      Thread.sleep(SETTLE_POLL.toMillis());
    }
    return false;
  }

  private static void load(PeerOptions o, TestMosquitto broker, List<RateStep> steps, AtomicBoolean stop, Meter meter,
      String phase, List<PeerResult> results, PrintStream out) throws Exception {
    LoadConfig load = new LoadConfig(broker.uri(), steps, o.connections(), LoadConfig.DEFAULT_MAX_IN_FLIGHT,
        o.devices(), DEVICE_PREFIX, o.metrics(), Duration.ofSeconds(60), LoadClient.LEAN);
    int[] index = {0};
    meter.mark();
    new LoadGenerator(load, Clock.systemUTC()).run(stop, step -> {
      String label = phase != null ? phase : (index[0]++ == 0 ? "50% of max" : "90% of max");
      PeerResult r = meter.measure(step, label);
      if (r == null) {
        return;
      }
      results.add(r);
      out.println(r.describe());
      if (phase != null && !r.sustained()) {
        stop.set(true); // beyond this system's rate: the rest of the steps would only measure its backlog
      }
    });
  }

  /** Waits for a step's rows, counts them, reads the probe and /proc. */
  private static final class Meter {
    private final PeerSystem system;
    private final TestDatabase db;
    private final TestMosquitto broker;
    private final LatencyProbe probe;
    private boolean warmedUp;
    private double[] cpuMark;
    private java.util.Map<Long, Double> dbMark;
    private long wallMark;

    Meter(PeerSystem system, TestDatabase db, TestMosquitto broker, LatencyProbe probe) {
      this.system = system;
      this.db = db;
      this.broker = broker;
      this.probe = probe;
    }

    void mark() {
      dbMark = ProcessStats.cpuByPid(ProcessStats.postgresPids());
      cpuMark = cpu();
      wallMark = System.nanoTime();
      probe.take();
    }

    PeerResult measure(io.forewarn.simulator.load.StepResult step, String label) {
      double seconds = (System.nanoTime() - wallMark) / 1e9;
      double[] cpu = cpu();
      double dbCpu = ProcessStats.cpuSecondsSince(dbMark, ProcessStats.postgresPids());
      double rss = ProcessStats.rssMiB(system.pids());
      Histogram latency = probe.take();
      try {
        Instant from = step.startedAt().truncatedTo(ChronoUnit.MILLIS);
        Instant to = Instant.now();
        long drainStart = System.nanoTime();
        long stored = countRows(from, to);
        while (stored < step.acked() && System.nanoTime() - drainStart < DRAIN_TIMEOUT.toNanos()) {
          Thread.sleep(200);
          stored = countRows(from, Instant.now());
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        if (!warmedUp) {
          warmedUp = true;
          mark();
          return null;
        }
        PeerResult r = new PeerResult(system.name(), label, (int) step.targetRate(),
            step.duration().toMillis() / 1000.0,
            step.acked(), stored, drain, latency.getTotalCount(), latency.getValueAtPercentile(50) / 1000.0,
            latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
            100 * (cpu[0] - cpuMark[0]) / seconds, 100 * (cpu[1] - cpuMark[1]) / seconds,
            100 * dbCpu / seconds, rss, MAX_DRAIN_SECONDS);
        mark();
        return r;
      } catch (Exception e) {
        throw new IllegalStateException("measuring " + system.name() + " at " + step.targetRate() + " msg/s failed", e);
      }
    }

    private double[] cpu() {
      return new double[] {ProcessStats.cpuSeconds(system.pids()), ProcessStats.cpuSeconds(List.of(broker.pid()))};
    }

    /** The zero-loss check: load rows in the hypertable for the step's publish window (probe rows excluded). */
    private long countRows(Instant from, Instant to) throws Exception {
      int probeId = system.deviceId(db.jdbcUrl(), LatencyProbe.DEVICE);
      try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
          "SELECT count(*) FROM telemetry WHERE ts >= ? AND ts < ? AND device_id <> ?")) {
        s.setTimestamp(1, Timestamp.from(from));
        s.setTimestamp(2, Timestamp.from(to));
        s.setInt(3, probeId);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }
  }
}
