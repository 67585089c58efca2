package io.forewarn.simulator.app;

import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.history.HistoryConfig;
import io.forewarn.simulator.history.HistoryResult;
import io.forewarn.simulator.history.HistoryWriter;
import io.forewarn.simulator.truth.RunInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code history}: writes {@code --days} of the fleet's telemetry, ending now, straight into
 * TimescaleDB with COPY, plus registration and ground truth; reports rows/s and elapsed time.
 * Reporting interval defaults to 15 minutes here (override with {@code --interval}).
 */
final class HistoryCommand implements Command {
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

  @Override
  public int run(List<String> args, Env env) throws Exception {
    Set<String> options = new HashSet<>(Scenario.OPTIONS);
    options.addAll(Set.of("days", "writers", "chunk-rows", "progress"));
    Set<String> flags = new HashSet<>(Scenario.FLAGS);
    flags.add("replace");
    flags.remove("no-db");
    List<String> effective = new ArrayList<>(args);
    if (!args.contains("--interval") && args.stream().noneMatch(a -> a.startsWith("--interval="))) {
      effective.addAll(List.of("--interval", "15m"));
    }
    CliOptions o = new CliOptions(effective, options, flags);
    Scenario scenario = new Scenario(o, 10_000, effective);
    double days = o.doubleValue("days", 90);
    Duration progressEvery = o.duration("progress", Duration.ofSeconds(10));
    HistoryConfig config = null;
    try {
      config = new HistoryConfig(o.intValue("writers", HistoryConfig.DEFAULTS.writers()),
          o.intValue("chunk-rows", HistoryConfig.DEFAULTS.chunkRows()), o.flag("replace"));
    } catch (IllegalArgumentException e) {
      o.problem(e.getMessage());
    }
    if (!(days > 0) || days > 3660) {
      o.problem("--days must be in (0, 3660]");
    }
    o.check();

    Instant now = env.clock().instant();
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minusMillis((long) (days * 86_400_000L));
    Fleet fleet = scenario.fleet();
    FaultPlan plan = scenario.plan(fleet, start, end);
    RunInfo run = scenario.run("history", now, start, end);
    env.out().printf(Locale.ROOT, "history run %s: %d devices, %.1f days (%s .. %s), %d faults, %d writers%n",
        run.runId(), fleet.size(), days, start, end, plan.faults().size(), config.writers());
    try (TruthRecorder truth = new TruthRecorder(env.dbUrl(o), config.writers() + 1, env.out())) {
      HistoryWriter writer = new HistoryWriter(truth.dataSource(), config);
      truth.register(fleet);
      writer.prepare(truth.ids(), start, end);
      truth.record(run, fleet, plan, scenario.truthFile(run));
      long t0 = System.nanoTime();
      HistoryResult result;
      try (Progress progress = new Progress(env.out(), progressEvery, () -> {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return String.format(Locale.ROOT, "%d rows (%.1f%%) | %.0f rows/s | elapsed %s | ETA %s",
            writer.rowsWritten(), 100 * writer.fractionDone(),
            writer.rowsWritten() / Math.max(0.001, elapsed.toNanos() / 1e9), Progress.human(elapsed),
            Progress.eta(elapsed, writer.fractionDone()));
      })) {
        result = writer.write(fleet, plan, truth.ids(), start, end, env.stop());
      }
      String summary = String.format(Locale.ROOT,
          "%s: %d telemetry rows in %d batches, %d status rows, %s elapsed, %.0f rows/s",
          result.complete() ? "finished" : "stopped early", result.rows(), result.batches(), result.statusRows(),
          Progress.human(result.elapsed()), result.rowsPerSecond());
      env.out().println(summary);
      truth.finish(run, result.rows(), summary);
      return result.complete() ? 0 : 1;
    }
  }
}
