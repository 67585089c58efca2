package io.forewarn.rules.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a detector's scores in NAB's layout: {@code results/<D>/<category>/<D>_<name>.csv}. */
final class ResultFiles {
  private ResultFiles() {}

  /** Writes one file and returns its path. */
  static Path write(Path outDir, String detector, NabSeries series, double[] scores) {
    if (!detector.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException("NAB detector names are letters and digits only: " + detector);
    }
    Path file = outDir.resolve("results").resolve(detector).resolve(series.category())
        .resolve(detector + "_" + series.name() + ".csv");
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write("timestamp,anomaly_score\n");
        for (int i = 0; i < scores.length; i++) {
          // Double.toString round-trips, so an outside scorer sees exactly the thresholds scored here.
          w.write(series.timestampText().get(i));
          w.write(',');
          w.write(Double.toString(scores[i]));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }
}
