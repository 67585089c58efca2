package io.forewarn.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes the peer comparison into docs/benchmarks.md between its own markers, keeping the rest of the page. */
final class PeerReport {
  private static final String BEGIN = "<!-- peer-results:begin -->";
  private static final String END = "<!-- peer-results:end -->";

  private PeerReport() {}

  static void write(PeerOptions o, List<PeerResult> results, Map<String, String> acks, double ceiling, PrintStream out)
      throws IOException {
    StringBuilder sb = new StringBuilder(BEGIN).append('\n');
    sb.append("Run ").append(LocalDate.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, commit `").append(commit()).append("`:\n\n```\n").append(o.command()).append("\n```\n\n");
    sb.append(String.format(Locale.ROOT, "%d devices, %d metrics per message (one row per message), QoS 1, %d publisher"
        + " connections, steps held %d s after a %d s warm-up; a system's stepping stops at its first step that is"
        + " not sustained.%n%n", o.devices(), o.metrics(), o.connections(), o.stepSeconds(), o.warmupSeconds()));
    Map<String, Summary> summaries = new LinkedHashMap<>();
    for (PeerResult r : results) {
      summaries.computeIfAbsent(r.system(), Summary::new).add(r);
      summaries.get(r.system()).acks = acks.getOrDefault(r.system(), "");
    }
    sb.append("| system | max sustained msg/s (= rows/s) | latency at 50 % p50 / p99 / max ms |"
        + " latency at 90 % p50 / p99 / max ms | CPU % of the system at max | RSS MiB | acknowledges |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (Summary s : summaries.values()) {
      sb.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s | %s |%n", s.name, s.max(),
          s.latency("50% of max"), s.latency("90% of max"), s.best().map(r -> fmt(r.systemCpu())).orElse("-"),
          s.best().map(r -> fmt(r.rssMiB())).orElse("-"), s.acks));
    }
    if (ceiling > 0) {
      sb.append(String.format(Locale.ROOT, "| `psql \\copy` (ceiling) | %.0f rows/s | | | | | no MQTT |%n", ceiling));
    }
    int top = o.rates().stream().mapToInt(Integer::intValue).max().orElse(0);
    ratio(sb, summaries, "Node-RED, batched INSERT", top);
    ratio(sb, summaries, "Node-RED, INSERT per message", top);
    sb.append("\nEvery step:\n\n| system | phase | target msg/s | achieved msg/s | lost | drain s | probes |"
        + " p50 ms | p99 ms | max ms | CPU system % | CPU broker % | CPU db % | RSS MiB | sustained |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (PeerResult r : results) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.0f | %d | %.1f | %d | %.0f | %.0f | %.0f | %.0f | %.0f |"
          + " %.0f | %.0f | %s |%n", r.system(), r.phase(), r.targetRate(), r.achievedRate(), r.lost(),
          r.drainSeconds(), r.probes(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.systemCpu(), r.brokerCpu(), r.dbCpu(),
          r.rssMiB(), r.sustained() ? "yes" : "no"));
    }
    sb.append(END).append('\n');
    String page = Files.exists(o.report()) ? Files.readString(o.report(), StandardCharsets.UTF_8) : "# Benchmarks\n\n";
    int b = page.indexOf(BEGIN);
    int e = page.indexOf(END);
    String updated = b >= 0 && e > b ? page.substring(0, b) + sb + page.substring(e + END.length() + 1)
        : page + "\n" + sb;
    Files.writeString(o.report(), updated, StandardCharsets.UTF_8);
    out.println(sb);
    out.println("figures written to " + o.report());
  }

  private static void ratio(StringBuilder sb, Map<String, Summary> s, String peer, int topRate) {
    Summary fw = s.get("Forewarn gateway");
    Summary other = s.get(peer);
    if (fw != null && other != null && other.max() > 0) {
      // Both sustaining the highest step says nothing about the ratio, only that the steps stopped too low.
      boolean capped = fw.best().map(r -> r.targetRate() == topRate).orElse(false);
      sb.append(
          String.format(Locale.ROOT, "%nForewarn gateway (one instance) / %s: **%s%.1f×** in sustained msg/s%s.%n",
              peer, capped ? "≥ " : "", fw.max() / other.max(),
              capped ? " (Forewarn sustained the highest step; add higher --rates for the real ratio)" : ""));
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static final class Summary {
    final String name;
    final java.util.List<PeerResult> steps = new java.util.ArrayList<>();
    String acks = "";

    Summary(String name) {
      this.name = name;
    }

    void add(PeerResult r) {
      steps.add(r);
    }

    Optional<PeerResult> best() {
      return steps.stream().filter(r -> r.phase().equals("stepped") && r.sustained())
          .max(java.util.Comparator.comparingDouble(PeerResult::achievedRate));
    }

    double max() {
      return best().map(PeerResult::achievedRate).orElse(0.0);
    }

    String latency(String phase) {
      return steps.stream().filter(r -> r.phase().equals(phase)).findFirst()
          .map(r -> String.format(Locale.ROOT, "%.0f / %.0f / %.0f", r.p50Ms(), r.p99Ms(), r.maxMs())).orElse("-");
    }
  }

  private static String commit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
      String rev = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 && !rev.isEmpty() ? rev : "uncommitted";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }
}
