package io.forewarn.bench;

import io.forewarn.common.testing.TestDatabase;
import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.simulator.load.LoadClient;
import io.forewarn.simulator.load.LoadConfig;
import io.forewarn.simulator.load.LoadGenerator;
import io.forewarn.simulator.load.RateStep;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end ingest benchmark: private Mosquitto (project config) → gateway process(es) → a
 * throw-away TimescaleDB database, loaded by the simulator's open-loop {@code load} mode. Stepped
 * rates, each held for the step duration, a zero-loss check (rows counted) after each step,
 * publish→committed latency from the database, CPU and memory of every process, and the psql \copy
 * ceiling in the same run.
 */
public final class IngestBenchmark {
  private static final String DEVICE_PREFIX = "bench";

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o = OptionArgs.parseOrExit(args, BenchOptions::parse, BenchOptions.USAGE);
    PrintStream out = System.out;
    out.printf("ingest benchmark: steps %s msg/s, %ds each, %d devices, %d metrics/msg, %d gateway(s)%n",
        o.rates(), o.stepSeconds(), o.devices(), o.metrics(), o.gateways());
    Path work = Files.createTempDirectory("forewarn-bench");
    List<StepResult> results = new ArrayList<>();
    double ceiling;
    try (TestDatabase db = TestDatabase.create("forewarn_bench"); TestMosquitto broker = TestMosquitto.start()) {
      List<GatewayProcess> gateways = startGateways(o, db, broker, work);
      try {
        String system = o.gateways() == 1 ? "Forewarn gateway" : "Forewarn gateway x" + o.gateways();
        StepMeter meter = new StepMeter(system, db, broker, gateways.stream().map(GatewayProcess::pid).toList());
        LoadConfig load = new LoadConfig(broker.uri(), steps(o), o.connections(), LoadConfig.DEFAULT_MAX_IN_FLIGHT,
            o.devices(), DEVICE_PREFIX, o.metrics(), Duration.ofSeconds(60), LoadClient.LEAN);
        out.printf("warm-up: %ds at %d msg/s%n", o.warmupSeconds(), o.rates().getFirst());
        meter.mark();
        new LoadGenerator(load, Clock.systemUTC()).run(new AtomicBoolean(), step -> {
          StepResult r = meter.measure(step);
          if (r == null) {
            return; // the warm-up step
          }
          results.add(r);
          out.println(r.describe());
        });
      } finally {
        for (GatewayProcess gw : gateways) {
          gw.close();
        }
      }
      out.printf("psql \\copy ceiling: %d rows...%n", o.copyRows());
      ceiling = CopyCeiling.measure(db.jdbcUrl().replace("jdbc:", ""), o.copyRows(), o.devices(), o.metrics(), work);
      out.printf("psql \\copy ceiling: %.0f rows/s%n", ceiling);
    }
    BenchReport.write(o, results, ceiling, out);
  }

  /** The warm-up, then the measured steps. */
  private static List<RateStep> steps(BenchOptions o) {
    List<RateStep> steps = new ArrayList<>();
    steps.add(new RateStep(o.rates().getFirst(), Duration.ofSeconds(o.warmupSeconds())));
    o.rates().forEach(rate -> steps.add(new RateStep(rate, Duration.ofSeconds(o.stepSeconds()))));
    return steps;
  }

  private static List<GatewayProcess> startGateways(BenchOptions o, TestDatabase db, TestMosquitto broker, Path work)
      throws Exception {
    List<GatewayProcess> gateways = new ArrayList<>();
    for (int g = 0; g < o.gateways(); g++) {
      Map<String, String> env = new HashMap<>();
      env.put("FOREWARN_DB_URL", db.jdbcUrl());
      env.put("FOREWARN_MQTT_URI", broker.uri());
      env.put("FOREWARN_MQTT_CLIENT_ID", "bench-gw-" + g + "-" + ProcessHandle.current().pid());
      env.put("FOREWARN_LOG_LEVEL", "WARN");
      if (o.gateways() > 1) {
        env.put("FOREWARN_MQTT_SHARED_GROUP", "forewarn-gateway");
      }
      GatewayProcess gw = new GatewayProcess(o.gatewayJar(), env, 19_100 + g, work.resolve("gateway-" + g + ".log"));
      gateways.add(gw);
      gw.awaitHealthy(Duration.ofSeconds(60));
    }
    return gateways;
  }
}
