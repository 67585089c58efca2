package io.forewarn.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Options of the peer benchmark; every problem is reported at once. */
record PeerOptions(List<String> systems, List<Integer> rates, int stepSeconds, int warmupSeconds, int devices,
    int metrics, int connections, int copyRows, boolean latencySteps, Path gatewayJar, Path report, String command) {

  static final Set<String> SYSTEMS = Set.of("copy", "reference", "nodered-batch", "nodered-single", "forewarn",
      "forewarn2");
  static final String DEFAULT_SYSTEMS = "copy,reference,nodered-batch,nodered-single,forewarn,forewarn2";
  static final String DEFAULT_RATES = "1000,2000,5000,10000,15000";
  static final int DEFAULT_STEP_SECONDS = 120;
  static final int DEFAULT_WARMUP_SECONDS = 20;
  static final int DEFAULT_DEVICES = 10_000;
  static final int DEFAULT_METRICS = 10;
  static final int DEFAULT_CONNECTIONS = 4;
  static final int DEFAULT_COPY_ROWS = 2_000_000;

  static final String USAGE = """
      Usage: ./forewarn bench-peers [--systems %s]
                                    [--rates %s] [--step-seconds 120] [--warmup-seconds 20]
                                    [--devices 10000] [--metrics 10] [--connections 4] [--copy-rows 2000000]
                                    [--latency-steps true] [--gateway-jar PATH] [--report docs/benchmarks.md]
      Forewarn against psql \\copy, a reference script and Node-RED on the same broker and database."""
      .formatted(DEFAULT_SYSTEMS, DEFAULT_RATES);

  private static final Set<String> KNOWN = Set.of("systems", "rates", "step-seconds", "warmup-seconds", "devices",
      "metrics", "connections", "copy-rows", "latency-steps", "gateway-jar", "report");

  /** @throws IllegalArgumentException listing every problem; {@link OptionArgs.HelpRequested} for --help */
  static PeerOptions parse(String[] args) {
    OptionArgs a = new OptionArgs(args, KNOWN);
    List<String> systems = Arrays.stream(a.get("systems", DEFAULT_SYSTEMS).split(",")).map(String::trim).toList();
    systems.stream().filter(s -> !SYSTEMS.contains(s))
        .forEach(s -> a.problem("unknown system '" + s + "'; choose from " + DEFAULT_SYSTEMS));
    List<Integer> rates = a.rates(DEFAULT_RATES);
    int devices = a.positive("devices", DEFAULT_DEVICES);
    if (devices > 999_998) {
      a.problem("--devices must be below 999 999 (the latency probe's device)");
    }
    String latencySteps = a.get("latency-steps", "true");
    if (!latencySteps.equals("true") && !latencySteps.equals("false")) {
      a.problem("--latency-steps must be true or false, got '" + latencySteps + "'");
    }
    PeerOptions options = new PeerOptions(systems, rates, a.positive("step-seconds", DEFAULT_STEP_SECONDS),
        a.positive("warmup-seconds", DEFAULT_WARMUP_SECONDS), devices, a.positive("metrics", DEFAULT_METRICS),
        a.positive("connections", DEFAULT_CONNECTIONS), a.positive("copy-rows", DEFAULT_COPY_ROWS),
        Boolean.parseBoolean(latencySteps),
        Path.of(a.get("gateway-jar", "gateway/target/forewarn-gateway-0.1.0-SNAPSHOT.jar")),
        Path.of(a.get("report", "docs/benchmarks.md")), "./forewarn bench-peers " + String.join(" ", args));
    a.check();
    return options;
  }

  PeerSystem system(String key) {
    return switch (key) {
      case "reference" -> new ReferencePeer();
      case "nodered-batch" -> new NodeRedPeer(true);
      case "nodered-single" -> new NodeRedPeer(false);
      case "forewarn" -> new ForewarnPeer(gatewayJar, 1);
      case "forewarn2" -> new ForewarnPeer(gatewayJar, 2);
      default -> throw new IllegalArgumentException("not a streaming system: " + key);
    };
  }
}
