package io.forewarn.simulator.app;

import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fault.FaultPlanner;
import io.forewarn.simulator.fault.FaultSettings;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetGenerator;
import io.forewarn.simulator.fleet.FleetSpec;
import io.forewarn.simulator.fleet.Region;
import io.forewarn.simulator.truth.RunInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/**
 * The fleet and faults of one run, from the options every simulating mode shares: seed, fleet size,
 * reporting interval, fault mix, where the ground-truth file goes.
 */
final class Scenario {
  static final Set<String> OPTIONS = Set.of("seed", "devices", "interval", "fault-fraction", "noisy-fraction",
      "outages", "truth-file", "db-url");
  static final Set<String> FLAGS = Set.of("no-cohort", "no-db");
  private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
      .withZone(ZoneOffset.UTC);

  private final long seed;
  private final int devices;
  private final Duration interval;
  private final FaultSettings faults;
  private final String truthFile;
  private final String options;

  Scenario(CliOptions o, int defaultDevices, List<String> rawArgs) {
    this.seed = o.longValue("seed", 42);
    this.devices = o.intValue("devices", defaultDevices);
    this.interval = o.duration("interval", null);
    this.truthFile = o.string("truth-file", null);
    this.options = String.join(" ", rawArgs);
    FaultSettings parsed = FaultSettings.DEFAULTS;
    try {
      parsed = new FaultSettings(o.doubleValue("fault-fraction", FaultSettings.DEFAULTS.faultFraction()),
          o.doubleValue("noisy-fraction", FaultSettings.DEFAULTS.noisyFraction()),
          o.intValue("outages", FaultSettings.DEFAULTS.regionOutages()), !o.flag("no-cohort"));
    } catch (IllegalArgumentException e) {
      o.problem(e.getMessage());
    }
    this.faults = parsed;
    if (seed < 0) {
      o.problem("--seed must be >= 0");
    }
    if (devices < 1 || devices > FleetSpec.MAX_DEVICES) {
      o.problem("--devices must be 1.." + FleetSpec.MAX_DEVICES);
    }
    if (interval != null && interval.toMillis() < 1000) {
      o.problem("--interval must be at least 1s");
    }
  }

  long seed() {
    return seed;
  }

  int devices() {
    return devices;
  }

  Fleet fleet() {
    return new FleetGenerator(Region.catalogue()).generate(new FleetSpec(seed, devices, interval));
  }

  FaultPlan plan(Fleet fleet, Instant start, Instant end) {
    return new FaultPlanner(seed, faults).plan(fleet, Region.catalogue(), start, end);
  }

  RunInfo run(String mode, Instant now, Instant start, Instant end) {
    String runId = mode + "-s" + seed + "-" + RUN_STAMP.format(now);
    return new RunInfo(runId, mode, seed, devices, start, end, options);
  }

  /** Where the ground truth JSON goes: {@code --truth-file}, else target/sim-truth/&lt;run id&gt;.json. */
  Path truthFile(RunInfo run) {
    return truthFile != null ? Path.of(truthFile) : Path.of("target", "sim-truth", run.runId() + ".json");
  }
}
