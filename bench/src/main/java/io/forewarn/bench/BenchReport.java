package io.forewarn.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

/** Writes the results into docs/benchmarks.md between markers, keeping the rest of the page. */
final class BenchReport {
  private static final String BEGIN = "<!-- ingest-results:begin -->";
  private static final String END = "<!-- ingest-results:end -->";

  private BenchReport() {}

  static void write(BenchOptions o, List<StepResult> results, double ceiling, PrintStream out) throws IOException {
    StringBuilder sb = new StringBuilder(BEGIN).append('\n');
    sb.append("Run ").append(LocalDate.now()).append(" on ").append(machine()).append(", commit `")
        .append(commit()).append("`:\n\n```\n").append(o.command()).append("\n```\n\n");
    sb.append(String.format("%d devices, %d metrics per message (one row per message), QoS 1, %d publisher"
        + " connections, steps held %d s after a %d s warm-up.%n%n", o.devices(), o.metrics(), o.connections(),
        o.stepSeconds(), o.warmupSeconds()));
    sb.append("| system | target msg/s | achieved msg/s | rows/s | lost | dup | drain s | p50 ms | p99 ms | max ms |"
        + " CPU gw % | CPU broker % | CPU db % | CPU publisher % | RSS gw MiB | sustained |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (StepResult r : results) {
      sb.append(String.format(
          "| %s | %d | %.0f | %.0f | %d | %d | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |%n",
          r.system(), r.targetRate(), r.achievedRate(), r.stored() / r.seconds(), r.lost(), r.duplicates(),
          r.drainSeconds(), r.p50Ms(), r.p99Ms(), r.maxMs(), r.gatewayCpu(), r.brokerCpu(), r.dbCpu(),
          r.publisherCpu(), r.gatewayRssMiB(), r.sustained() ? "yes" : "no"));
    }
    double best = results.stream().filter(StepResult::sustained).mapToDouble(StepResult::achievedRate).max().orElse(0);
    sb.append(String.format("%nHighest sustained rate: **%.0f msg/s** (%.0f rows/s of %d metrics each). "
        + "`psql \\copy` ceiling of the same rows into the same hypertable, same run: **%.0f rows/s**.%n",
        best, best, o.metrics(), ceiling));
    sb.append(END).append('\n');
    String page = Files.exists(o.report()) ? Files.readString(o.report(), StandardCharsets.UTF_8) : "# Benchmarks\n\n";
    int b = page.indexOf(BEGIN);
    int e = page.indexOf(END);
    String updated = b >= 0 && e > b ? page.substring(0, b) + sb + page.substring(e + END.length() + 1)
        : page + "\n" + sb;
    Files.writeString(o.report(), updated, StandardCharsets.UTF_8);
    out.println("figures written to " + o.report());
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, "
        + Math.round(new java.io.File("/").getTotalSpace() > 0 ? memGiB() : 0) + " GiB RAM";
  }

  private static double memGiB() {
    try {
      for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException ignored) {
      // Not Linux.
    }
    return 0;
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
