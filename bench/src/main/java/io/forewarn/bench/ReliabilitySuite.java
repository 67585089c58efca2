package io.forewarn.bench;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Fault injection: each scenario publishes a known, numbered set of messages, injects its fault
 * mid-stream, and checks the database row by row — nothing lost, nothing duplicated. Runs against the
 * project's own PostgreSQL test cluster (scripts/test-cluster.sh), so stopping the database touches
 * nothing else. {@code --short} is the CI form; {@code --report FILE} writes the figures as markdown.
 * Exit code 1 if any scenario lost or duplicated anything.
 */
public final class ReliabilitySuite {
  private static final String ERROR = "could not run: ";
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5433/postgres?user=postgres";

  /**
   * {@code accepted}: messages the broker acknowledged (a device may keep trying the rest); {@code lost}
   * counts accepted messages missing from the database — the figure that must be zero. For the rules and
   * notifier scenarios: the expected incidents and outbox rows (from an uninterrupted run) or SMS (one per
   * customer), what was observed, and {@code unexpected} things the expectation does not have.
   */
  record Outcome(String name, String fault, int published, long accepted, long rows, long distinct, long lost,
      long unexpected, double recoverySeconds, String note) {

    Outcome(String name, String fault, int published, long accepted, long rows, long distinct, long lost,
        double recoverySeconds) {
      this(name, fault, published, accepted, rows, distinct, lost, 0, recoverySeconds, "");
    }

    long duplicates() {
      return rows - distinct;
    }

    boolean passed() {
      return lost() == 0 && duplicates() == 0 && unexpected() == 0 && !note().startsWith(ERROR);
    }
  }

  private ReliabilitySuite() {}

  public static void main(String[] args) throws Exception {
    boolean isShort = List.of(args).contains("--short");
    int messages = isShort ? 3_000 : 60_000;
    int rate = isShort ? 500 : 2_000;
    Duration outage = Duration.ofSeconds(isShort ? 8 : 30);
    Path jar = Path.of(args.length > 0 && args[args.length - 1].endsWith(".jar") ? args[args.length - 1]
        : "gateway/target/forewarn-gateway-0.1.0-SNAPSHOT.jar");
    PrintStream out = System.out;
    FaultContext.cluster("ensure");
    System.setProperty("forewarn.it.adminDbUrl", ADMIN_URL);
    Path logs = Files.createTempDirectory("forewarn-reliability");
    out.printf("reliability suite (%s): %d numbered messages at %d msg/s per scenario, outage %ds; logs in %s%n",
        isShort ? "short" : "full", messages, rate, outage.toSeconds(), logs);
    List<Outcome> outcomes = new ArrayList<>();
    // Comma-separated parts of scenario names; empty runs everything.
    List<String> only = List.of(System.getenv().getOrDefault("FOREWARN_RELIABILITY_ONLY", "").split(","));
    for (FaultScenario scenario : Faults.all()) {
      if (selected(scenario.name(), only)) {
        print(out, outcomes, run(scenario, messages, rate, outage, jar, logs));
      }
    }
    Path target = jar.toAbsolutePath().getParent();
    Path root = target.getParent().getParent();
    RulesKilled rules = new RulesKilled(root.resolve("rules/target/forewarn-rules-0.1.0-SNAPSHOT.jar"),
        root.resolve("simulator/target/forewarn-simulator-0.1.0-SNAPSHOT.jar"), logs, ADMIN_URL, isShort);
    NotifierFaults notifier = new NotifierFaults(root.resolve("notifier/target/forewarn-notifier-0.1.0-SNAPSHOT.jar"),
        logs, isShort);
    if (selected("rules service killed mid-backlog", only)) {
      print(out, outcomes, guarded("rules service killed mid-backlog", rules.fault(), rules::run));
    }
    if (selected("notifier killed mid-broadcast", only)) {
      print(out, outcomes,
          guarded("notifier killed mid-broadcast", notifier.killFault(), notifier::killedMidBroadcast));
    }
    if (selected("SMS provider 429 / 500 / timeouts", only)) {
      print(out, outcomes, guarded("SMS provider 429 / 500 / timeouts", notifier.providerFault(),
          notifier::providerFailing));
    }
    int report = List.of(args).indexOf("--report");
    if (report >= 0 && report + 1 < args.length) {
      ReliabilityReport.write(Path.of(args[report + 1]), outcomes, messages, rate, outage, isShort);
    }
    long failed = outcomes.stream().filter(o -> !o.passed()).count();
    out.printf("reliability: %d passed, %d failed%n", outcomes.size() - failed, failed);
    System.exit(failed == 0 ? 0 : 1);
  }

  private interface ServiceScenario {
    Outcome run() throws Exception;
  }

  /** A scenario that could not run is a failure in the table, not the end of the suite. */
  private static Outcome guarded(String name, String fault, ServiceScenario scenario) {
    try {
      return scenario.run();
    } catch (Exception e) {
      e.printStackTrace();
      return new Outcome(name, fault, 0, 0, 0, 0, 0, 0, 0, ERROR + e);
    }
  }

  private static boolean selected(String name, List<String> only) {
    return only.stream().anyMatch(name::contains);
  }

  private static void print(PrintStream out, List<Outcome> outcomes, Outcome o) {
    outcomes.add(o);
    out.printf(
        "%-40s expected %6d  accepted %6d  stored %6d  lost %d  duplicates %d  unexpected %d  recovered in %.1f s"
            + "  %s%s%n",
        o.name(), o.published(), o.accepted(), o.distinct(), o.lost(), o.duplicates(), o.unexpected(),
        o.recoverySeconds(), o.passed() ? "PASS" : "FAIL", o.note().isEmpty() ? "" : "  (" + o.note() + ")");
  }

  private static Outcome run(FaultScenario scenario, int messages, int rate, Duration outage, Path jar, Path logs)
      throws Exception {
    Instant base = Instant.now().minus(Duration.ofHours(1));
    try (TestDatabase db = TestDatabase.create("rel"); TestMosquitto broker = TestMosquitto.start();
        FaultContext ctx = new FaultContext(db, broker, jar, logs, outage)) {
      ctx.startGateways(scenario.gateways());
      try (NumberedPublisher pub = new NumberedPublisher(broker.uri(), 4, 50, base)) {
        Thread publishing = Thread.ofPlatform().start(() -> {
          try {
            pub.publish(0, messages, rate);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        Thread.sleep(messages * 1000L / rate / 3);
        Instant faultOver = scenario.inject(ctx);
        publishing.join();
        pub.completeWithin(messages, Duration.ofMinutes(3));
        awaitDistinct(db, messages, Duration.ofMinutes(3));
        double recovery = Duration.between(faultOver, Instant.now()).toMillis() / 1000.0;
        long[] counts = counts(db);
        BitSet accepted = pub.acknowledged();
        BitSet missing = (BitSet) accepted.clone();
        missing.andNot(storedSeqs(db));
        return new Outcome(scenario.name(), scenario.fault(), messages, accepted.cardinality(), counts[0], counts[1],
            missing.cardinality(), recovery);
      }
    }
  }

  /** Rows of the numbered messages, and distinct sequence numbers among them. */
  private static long[] counts(TestDatabase db) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT vals[1]) FROM telemetry")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static BitSet storedSeqs(TestDatabase db) throws SQLException {
    BitSet seqs = new BitSet();
    try (Connection c = db.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT vals[1]::int FROM telemetry")) {
      while (rs.next()) {
        seqs.set(rs.getInt(1));
      }
    }
    return seqs;
  }

  private static void awaitDistinct(TestDatabase db, int expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (counts(db)[1] >= expected) {
          return;
        }
      } catch (SQLException notYet) {
        // The test cluster may still be starting.
      }
      Thread.sleep(200);
    }
  }
}
