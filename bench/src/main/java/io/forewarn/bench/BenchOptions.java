package io.forewarn.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Command-line options of the ingest benchmark, with the defaults the docs' figures use. */
record BenchOptions(List<Integer> rates, int stepSeconds, int warmupSeconds, int devices, int metrics,
    int connections, int gateways, int copyRows, Path gatewayJar, Path report, String command) {

  static final String USAGE = """
      Usage: ./forewarn bench [--rates 5000,10000,15000,20000] [--step-seconds 120] [--warmup-seconds 20]
                              [--devices 10000] [--metrics 10] [--connections 4] [--gateways 1]
                              [--copy-rows 2000000] [--gateway-jar PATH] [--report docs/benchmarks.md]
      Stepped open-loop ingest benchmark of the gateway; writes its figures to --report.""";

  private static final Set<String> KNOWN = Set.of("rates", "step-seconds", "warmup-seconds", "devices", "metrics",
      "connections", "gateways", "copy-rows", "gateway-jar", "report");

  /** @throws IllegalArgumentException listing every problem; {@link OptionArgs.HelpRequested} for --help */
  static BenchOptions parse(String[] args) {
    OptionArgs a = new OptionArgs(args, KNOWN);
    BenchOptions options = new BenchOptions(a.rates("5000,10000,15000,20000"),
        a.positive("step-seconds", 120),
        a.positive("warmup-seconds", 20),
        a.positive("devices", 10_000),
        a.positive("metrics", 10),
        a.positive("connections", 4),
        a.positive("gateways", 1),
        a.positive("copy-rows", 2_000_000),
        Path.of(a.get("gateway-jar", "gateway/target/forewarn-gateway-0.1.0-SNAPSHOT.jar")),
        Path.of(a.get("report", "docs/benchmarks.md")),
        "./forewarn bench " + String.join(" ", args));
    a.check();
    return options;
  }
}
