package io.forewarn.rules.replay;

import io.forewarn.common.db.DbUrl;
import io.forewarn.rules.engine.DeviceInfo;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code replay --db-url URL [--run RUN_ID] [--rules FILE] [--tick PT5M] [--details true]}: runs the engine over a stored
 * simulator history, in memory (no incident table is written), and prints alert-quality figures
 * against the run's ground truth.
 */
public final class ReplayCommand {
  private final PrintStream out;

  public ReplayCommand(PrintStream out) {
    this.out = out;
  }

  public int run(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        out.println("usage: replay --db-url URL [--run RUN_ID] [--rules FILE] [--tick PT5M] [--details true]");
        return 2;
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (!opts.containsKey("db-url") || args.length % 2 != 0) {
      out.println("usage: replay --db-url URL [--run RUN_ID] [--rules FILE] [--tick PT5M] [--details true]");
      return 2;
    }
    RuleFileLoader loader = new RuleFileLoader(ProductCatalog.standard());
    RuleSet rules = opts.containsKey("rules") ? loader.load(Path.of(opts.get("rules"))) : loader.loadDefault();
    long tick = Duration.parse(opts.getOrDefault("tick", "PT5M")).toMillis();
    try (Connection c = DriverManager.getConnection(DbUrl.toJdbc(opts.get("db-url")))) {
      ReplaySource source = new ReplaySource(c);
      ReplaySource.Run run = source.run(opts.get("run"));
      List<DeviceInfo> devices = source.devicesOf(run.runId());
      Map<Integer, DeviceInfo> byId = new HashMap<>();
      devices.forEach(d -> byId.put(d.id(), d));
      Engine engine = new Engine(rules, ProductCatalog.standard(), devices);
      ReplayRecorder recorder = new ReplayRecorder();
      long started = System.nanoTime();
      long[] nextTick = {run.windowStart().toEpochMilli() + tick};
      long[] events = {0};
      source.stream(run.windowStart(), run.windowEnd(), e -> {
        while (e.ts() >= nextTick[0]) {
          recorder.record(engine.tick(nextTick[0]));
          nextTick[0] += tick;
        }
        events[0]++;
        switch (e) {
          case ReplaySource.SampleEvent s -> recorder.record(engine.onSample(s.deviceId(), s.ts(), s.values()));
          case ReplaySource.StatusEvent s -> recorder.record(engine.onStatus(s.deviceId(), s.ts(), s.online()));
        }
      });
      recorder.record(engine.tick(run.windowEnd().toEpochMilli()));
      double seconds = (System.nanoTime() - started) / 1e9;
      AlertQuality.Report r = AlertQuality.score(source.faults(run.runId()), recorder.incidents(), devices.size(),
          run.windowStart(), run.windowEnd(), id -> region(byId, id), id -> byId.get(id) == null ? "" : byId.get(id).site());
      print(run, rules, devices.size(), events[0], seconds, engine, r);
      if (opts.containsKey("details")) {
        ReplayDetails.print(out, source.faults(run.runId()), recorder.incidents(), byId, run.windowEnd());
      }
    }
    return 0;
  }

  private static String region(Map<Integer, DeviceInfo> byId, int id) {
    DeviceInfo d = byId.get(id);
    return d == null ? "" : d.region();
  }

  private void print(ReplaySource.Run run, RuleSet rules, int devices, long events, double seconds, Engine engine,
      AlertQuality.Report r) {
    out.printf(Locale.ROOT, "replay of %s (%s .. %s), rules %s (%d rules), %d devices%n", run.runId(),
        run.windowStart(), run.windowEnd(), rules.version(), rules.size(), devices);
    out.printf(Locale.ROOT, "events %d in %.1f s; points evaluated %d, late samples skipped %d%n", events, seconds,
        engine.stats().pointsEvaluated(), engine.stats().lateSamples());
    out.printf(Locale.ROOT, "predictable faults %d, detected %d: recall %.1f %% (warned before failure %d)%n",
        r.predictableFaults(), r.detected(), 100 * r.recall(), r.warnedBeforeFailure());
    r.byKind().forEach((kind, n) -> out.printf(Locale.ROOT, "  %-20s %d/%d%n", kind, n[1], n[0]));
    out.printf(Locale.ROOT, "lead time (failure - first firing): p25 %s, median %s, p75 %s; median lead / (failure - onset) %.0f %%%n",
        hours(r.leadQuantile(0.25)), hours(r.leadQuantile(0.5)), hours(r.leadQuantile(0.75)), 100 * r.medianLeadRatio());
    out.printf(Locale.ROOT, "device incidents %d, false %d over %.0f device-days: %.2f per 1000 device-days%n",
        r.deviceIncidents(), r.falseIncidents(), r.deviceDays(), r.falsePer1000DeviceDays());
    out.printf(Locale.ROOT, "flaps (reopened within 6 h) %d%n", r.flaps());
    out.printf(Locale.ROOT, "region outages %d, handled by exactly one disruption %d; top-level disruptions %d%n",
        r.outages(), r.outagesHandled(), r.topLevelDisruptions());
  }

  private static String hours(Duration d) {
    return String.format(Locale.ROOT, "%.1f h", d.toMillis() / 3_600_000.0);
  }
}
