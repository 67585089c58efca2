package io.forewarn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** Writes the suite's figures into docs/reliability.md between markers; the hand-written rest of the page stays. */
final class ReliabilityReport {
  private static final String BEGIN = "<!-- reliability-results:begin -->";
  private static final String END = "<!-- reliability-results:end -->";

  private ReliabilityReport() {}

  static void write(Path file, List<ReliabilitySuite.Outcome> outcomes, int messages, int rate, Duration outage,
      boolean isShort) throws IOException {
    StringBuilder md = new StringBuilder(BEGIN).append('\n');
    md.append("Run ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, commit `").append(commit()).append("`:\n\n```\n./forewarn reliability ")
        .append(isShort ? "--short " : "").append("--report docs/reliability.md\n```\n\n");
    md.append(String.format(Locale.ROOT, "Ingest scenarios: %d numbered messages at %d msg/s, outage %d s (the table"
        + " lock at most 20 s).%n%n", messages, rate, outage.toSeconds()));
    md.append("| scenario | fault | expected | accepted | stored (distinct) | lost | duplicates | unexpected |"
        + " recovery s | result |\n|---|---|---|---|---|---|---|---|---|---|\n");
    StringBuilder notes = new StringBuilder();
    for (ReliabilitySuite.Outcome o : outcomes) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %d | %.1f | %s |%n", o.name(),
          o.fault(), o.published(), o.accepted(), o.distinct(), o.lost(), o.duplicates(), o.unexpected(),
          o.recoverySeconds(), o.passed() ? "pass" : "**FAIL**"));
      if (!o.note().isEmpty()) {
        notes.append("- ").append(o.name()).append(": ").append(o.note()).append('\n');
      }
    }
    md.append('\n').append(notes).append(END).append('\n');
    String page = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Reliability\n\n";
    int b = page.indexOf(BEGIN);
    int e = page.indexOf(END);
    String updated = b >= 0 && e > b ? page.substring(0, b) + md + page.substring(e + END.length() + 1)
        : page + "\n" + md;
    Files.writeString(file, updated, StandardCharsets.UTF_8);
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
