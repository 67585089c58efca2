package io.forewarn.rules.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCommandTest {
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** A corpus of one 1000-row sine wave with a jump at row 700, labelled 650..750. */
  static Path tinyCorpus(Path root) throws IOException {
    Path data = Files.createDirectories(root.resolve("data").resolve("artificialWithAnomaly"));
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    LocalDateTime t0 = LocalDateTime.of(2014, 4, 1, 0, 0);
    for (int i = 0; i < 1000; i++) {
      double v = 50 + 10 * Math.sin(i * 2 * Math.PI / 100) + (i >= 700 && i < 705 ? 80 : 0);
      csv.append(TS.format(t0.plusMinutes(5L * i))).append(',').append(v).append('\n');
    }
    Files.writeString(data.resolve("jump.csv"), csv.toString());
    String start = TS.format(t0.plusMinutes(5L * 650)) + ".000000";
    String end = TS.format(t0.plusMinutes(5L * 750)) + ".000000";
    Files.writeString(root.resolve("windows.json"),
        "{\"artificialWithAnomaly/jump.csv\": [[\"" + start + "\", \"" + end + "\"]]}");
    return root;
  }

  @Test
  void writes_nab_result_files_prints_scores_and_writes_the_report(@TempDir Path tmp) throws IOException {
    // GIVEN a one-file corpus with a labelled spike
    Path corpus = tinyCorpus(tmp.resolve("corpus"));
    Path out = tmp.resolve("out");
    Path report = tmp.resolve("docs").resolve("rules-nab.md");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Clock clock = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    // WHEN the command runs
    int code = new NabCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), clock).run(
        new String[] {"--data", corpus.toString(), "--out", out.toString(), "--report", report.toString()});
    // THEN the result file has NAB's layout and one score per data row
    Path result = out.resolve("results/forewarn/artificialWithAnomaly/forewarn_jump.csv");
    List<String> lines = Files.readAllLines(result);
    assertThat(code).isZero();
    assertThat(lines).hasSize(1001);
    assertThat(lines.get(0)).isEqualTo("timestamp,anomaly_score");
    assertThat(lines.get(1)).startsWith("2014-04-01 00:00:00,");
    // AND the spike is found on its first row, 700: position -(750-700+1)/101 = -0.505, earning
    // tanh(1.2624)/tanh(2.5) = 0.863273 and no false positive, so standard and low FP normalise to
    // 100 * (0.863273 + 1) / 2 = 93.16 and low FN (null -2) to 100 * (0.863273 + 2) / 3 = 95.44
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text).containsPattern("standard +93\\.16").containsPattern("reward_low_FP_rate +93\\.16")
        .containsPattern("reward_low_FN_rate +95\\.44");
    // AND the report carries the command, the date and the published table
    String md = Files.readString(report);
    assertThat(md).contains("2025-01-02", "./forewarn nab", "| ARTime | 67.85 | 57.84 | 73.72 |", "points/s");
  }

  @Test
  void rejects_missing_arguments() {
    // GIVEN no --out WHEN parsed THEN the problem and the usage are reported
    assertThatThrownBy(() -> NabArgs.parse(new String[] {"--data", "x"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--out is required")
        .hasMessageContaining("usage");
  }

  @Test
  void rejects_a_window_that_is_not_on_a_data_row(@TempDir Path tmp) throws IOException {
    // GIVEN windows.json naming a timestamp that no row has
    Path corpus = tinyCorpus(tmp);
    Files.writeString(corpus.resolve("windows.json"),
        "{\"artificialWithAnomaly/jump.csv\": [[\"2014-04-01 00:01:00.000000\", \"2014-04-01 01:00:00.000000\"]]}");
    // WHEN loaded THEN it fails rather than silently scoring a window NAB would never enter
    assertThatThrownBy(() -> NabCorpus.load(corpus)).hasMessageContaining("does not start and end on data rows");
  }
}
