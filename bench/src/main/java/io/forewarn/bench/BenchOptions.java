package io.forewarn.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the ingest benchmark, with the defaults the docs' figures use. */
record BenchOptions(List<Integer> rates, int stepSeconds, int warmupSeconds, int devices, int metrics,
    int connections, int gateways, int copyRows, Path gatewayJar, Path report, String command) {

  static BenchOptions parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      a.put(args[i].substring(2), args[i + 1]);
    }
    List<Integer> rates = Arrays.stream(a.getOrDefault("rates", "5000,10000,15000,20000").split(","))
        .map(String::trim).map(Integer::parseInt).toList();
    return new BenchOptions(rates,
        Integer.parseInt(a.getOrDefault("step-seconds", "120")),
        Integer.parseInt(a.getOrDefault("warmup-seconds", "20")),
        Integer.parseInt(a.getOrDefault("devices", "10000")),
        Integer.parseInt(a.getOrDefault("metrics", "10")),
        Integer.parseInt(a.getOrDefault("connections", "4")),
        Integer.parseInt(a.getOrDefault("gateways", "1")),
        Integer.parseInt(a.getOrDefault("copy-rows", "2000000")),
        Path.of(a.getOrDefault("gateway-jar", "gateway/target/forewarn-gateway-0.1.0-SNAPSHOT.jar")),
        Path.of(a.getOrDefault("report", "docs/benchmarks.md")),
        "./forewarn bench " + String.join(" ", args));
  }
}
