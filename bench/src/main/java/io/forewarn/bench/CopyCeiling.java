package io.forewarn.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The ceiling: {@code psql \copy} of rows shaped like the benchmark's into the same hypertable,
 * with its indexes, in the same run. Device ids are offset so no row conflicts with ingested ones.
 */
final class CopyCeiling {
  private static final int DEVICE_OFFSET = 10_000_000;

  private CopyCeiling() {}

  /** Returns rows per second. */
  static double measure(String psqlConnInfo, int rows, int devices, int metrics, Path dir)
      throws IOException, InterruptedException {
    Path file = dir.resolve("copy-ceiling.tsv");
    long base = Instant.now().minusSeconds(3_600).toEpochMilli();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder ids = new StringBuilder("{");
      for (int m = 1; m <= metrics; m++) {
        ids.append(m == 1 ? "" : ",").append(m);
      }
      ids.append('}');
      for (int i = 0; i < rows; i++) {
        long ts = base + i / devices;
        StringBuilder sb = new StringBuilder(160);
        sb.append(Instant.ofEpochMilli(ts)).append('\t').append(DEVICE_OFFSET + i % devices).append('\t')
            .append(ids).append("\t{");
        for (int m = 0; m < metrics; m++) {
          sb.append(m == 0 ? "" : ",").append((ts % 1000) / 10.0 + m);
        }
        sb.append("}\t0\tf\n");
        w.write(sb.toString());
      }
    }
    long start = System.nanoTime();
    Process psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", psqlConnInfo, "-c",
        "\\copy telemetry (ts, device_id, metric_ids, vals, batch_id, receive_time) FROM '" + file + "'")
        .redirectErrorStream(true).start();
    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (psql.waitFor() != 0) {
      throw new IllegalStateException("psql \\copy failed: " + out);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.deleteIfExists(file);
    return rows / seconds;
  }
}
