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
import java.util.function.IntFunction;

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
          recorder.record(nextTick[0], engine.tick(nextTick[0]));
          nextTick[0] += tick;
        }
        events[0]++;
        switch (e) {
          case ReplaySource.SampleEvent s -> recorder.record(s.ts(), engine.onSample(s.deviceId(), s.ts(), s.values()));
          case ReplaySource.StatusEvent s -> recorder.record(s.ts(), engine.onStatus(s.deviceId(), s.ts(), s.online()));
        }
      });
      long end = run.windowEnd().toEpochMilli();
      recorder.record(end, engine.tick(end));
      double seconds = (System.nanoTime() - started) / 1e9;
      List<Fault> faults = source.faults(run.runId());
      IntFunction<AlertQuality.Where> where = id -> where(byId, id);
      AlertQuality.Report old = AlertQuality.score(faults, recorder.incidents(), devices.size(), run.windowStart(),
          run.windowEnd(), where, AlertQuality.Warnings.DEVICE_INCIDENTS);
      AlertQuality.Report r = AlertQuality.score(faults, recorder.incidents(), devices.size(), run.windowStart(),
          run.windowEnd(), where, AlertQuality.Warnings.WITH_FIRMWARE_DISRUPTIONS);
      print(run, rules, devices.size(), events[0], seconds, engine, old, r);
      if (opts.containsKey("details")) {
        ReplayDetails.print(out, faults, recorder.incidents(), byId, where, run.windowEnd());
      }
    }
    return 0;
  }

  private static AlertQuality.Where where(Map<Integer, DeviceInfo> byId, int id) {
    DeviceInfo d = byId.get(id);
    return d == null ? new AlertQuality.Where("", "", "") : new AlertQuality.Where(d.region(), d.site(),
        d.model() + "@" + d.firmware());
  }

  /** Both scorings side by side: device incidents only (as before 2026-12-03), and with firmware disruptions. */
  private void print(ReplaySource.Run run, RuleSet rules, int devices, long events, double seconds, Engine engine,
      AlertQuality.Report old, AlertQuality.Report r) {
    out.printf(Locale.ROOT, "replay of %s (%s .. %s), rules %s (%d rules), %d devices%n", run.runId(),
        run.windowStart(), run.windowEnd(), rules.version(), rules.size(), devices);
    out.printf(Locale.ROOT, "events %d in %.1f s; points evaluated %d, late samples skipped %d%n", events, seconds,
        engine.stats().pointsEvaluated(), engine.stats().lateSamples());
    out.println("warned by:                       device incidents only | incidents or firmware disruptions");
    out.printf(Locale.ROOT,
        "predictable faults detected      %d/%d (%.1f %%), %d before failure | %d/%d (%.1f %%), %d before failure%n",
        old.detected(), old.predictableFaults(), 100 * old.recall(), old.warnedBeforeFailure(), r.detected(),
        r.predictableFaults(), 100 * r.recall(), r.warnedBeforeFailure());
    r.byKind().forEach((kind, n) -> out.printf(Locale.ROOT, "  %-30s %d/%d | %d/%d%n", kind,
        old.byKind().get(kind)[1], n[0], n[1], n[0]));
    out.printf(Locale.ROOT, "lead p25 / median / p75            %s / %s / %s | %s / %s / %s%n",
        hours(old.leadQuantile(0.25)), hours(old.leadQuantile(0.5)), hours(old.leadQuantile(0.75)),
        hours(r.leadQuantile(0.25)), hours(r.leadQuantile(0.5)), hours(r.leadQuantile(0.75)));
    out.printf(Locale.ROOT,
        "median lead / (failure - onset)   %.0f %% | %.0f %% (first warned by a firmware disruption: %d)%n",
        100 * old.medianLeadRatio(), 100 * r.medianLeadRatio(), r.firstByDisruption());
    out.printf(Locale.ROOT, "device incidents %d, false %d over %.0f device-days: %.2f per 1000 device-days%n",
        r.deviceIncidents(), r.falseIncidents(), r.deviceDays(), r.falsePer1000DeviceDays());
    out.printf(Locale.ROOT, "flaps (reopened within 6 h) %d%n", r.flaps());
    out.printf(Locale.ROOT, "region outages %d, handled by exactly one disruption %d; top-level disruptions %d%n",
        r.outages(), r.outagesHandled(), r.topLevelDisruptions());
    out.printf(Locale.ROOT, "false disruptions: firmware %d (no cohort fault), region/site %d (no outage)%n",
        r.falseFirmwareDisruptions(), r.falseOutageDisruptions());
  }

  private static String hours(Duration d) {
    return String.format(Locale.ROOT, "%.1f h", d.toMillis() / 3_600_000.0);
  }
}
