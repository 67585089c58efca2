package io.forewarn.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  static PeerOptions parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        problems.add("expected --option value, got '" + args[i] + "'");
      } else {
        a.put(args[i].substring(2), args[i + 1]);
      }
    }
    List<String> systems = Arrays.stream(a.getOrDefault("systems", DEFAULT_SYSTEMS).split(",")).map(String::trim)
        .toList();
    systems.stream().filter(s -> !SYSTEMS.contains(s))
        .forEach(s -> problems.add("unknown system '" + s + "'; choose from " + DEFAULT_SYSTEMS));
    List<Integer> rates = new ArrayList<>();
    for (String r : a.getOrDefault("rates", DEFAULT_RATES).split(",")) {
      try {
        rates.add(Integer.parseInt(r.trim()));
      } catch (NumberFormatException e) {
        problems.add("--rates must be whole numbers separated by commas, got '" + r + "'");
      }
    }
    int step = number(a, "step-seconds", DEFAULT_STEP_SECONDS, problems);
    int warmup = number(a, "warmup-seconds", DEFAULT_WARMUP_SECONDS, problems);
    int devices = number(a, "devices", DEFAULT_DEVICES, problems);
    int metrics = number(a, "metrics", DEFAULT_METRICS, problems);
    int connections = number(a, "connections", DEFAULT_CONNECTIONS, problems);
    int copyRows = number(a, "copy-rows", DEFAULT_COPY_ROWS, problems);
    Set<String> known = Set.of("systems", "rates", "step-seconds", "warmup-seconds", "devices", "metrics",
        "connections",
        "copy-rows", "latency-steps", "gateway-jar", "report");
    a.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> problems.add("unknown option --" + k));
    if (devices > 999_998) {
      problems.add("--devices must be below 999 999 (the latency probe's device)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new PeerOptions(systems, rates, step, warmup, devices, metrics, connections, copyRows,
        Boolean.parseBoolean(a.getOrDefault("latency-steps", "true")),
        Path.of(a.getOrDefault("gateway-jar", "gateway/target/forewarn-gateway-0.1.0-SNAPSHOT.jar")),
        Path.of(a.getOrDefault("report", "docs/benchmarks.md")), "./forewarn bench-peers " + String.join(" ", args));
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

  private static int number(Map<String, String> a, String key, int fallback, List<String> problems) {
    String v = a.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n <= 0) {
        problems.add("--" + key + " must be positive, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add("--" + key + " must be a whole number, got '" + v + "'");
      return fallback;
    }
  }
}
