package io.forewarn.rules.nab;

import java.util.List;

/**
 * One NAB data file: its rows in time order and its labelled windows.
 *
 * @param category      folder of the file, e.g. {@code realKnownCause}
 * @param name          file name without {@code .csv}
 * @param timestampText timestamps exactly as written in the data file (result files repeat them)
 * @param epochMillis   the same timestamps as epoch milliseconds (UTC), what detectors see
 * @param values        the metric values
 * @param windows       labelled windows, in time order, not overlapping
 */
public record NabSeries(
    String category,
    String name,
    List<String> timestampText,
    long[] epochMillis,
    double[] values,
    List<AnomalyWindow> windows) {

  public NabSeries {
    if (category.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException("category and name must not be blank");
    }
    timestampText = List.copyOf(timestampText);
    windows = List.copyOf(windows);
    if (epochMillis.length != values.length || timestampText.size() != values.length) {
      throw new IllegalArgumentException(name + ": timestamps and values differ in length");
    }
    int previousEnd = -1;
    for (AnomalyWindow w : windows) {
      if (w.firstRow() <= previousEnd || w.lastRow() >= values.length) {
        throw new IllegalArgumentException(name + ": windows overlap, are unordered or past the data");
      }
      previousEnd = w.lastRow();
    }
  }

  public int size() {
    return values.length;
  }

  /** Path of the data file relative to the corpus' data folder, as windows.json names it. */
  public String relativePath() {
    return category + "/" + name + ".csv";
  }
}
