package io.forewarn.rules.nab;

/**
 * A labelled anomaly window as row indices of its data file, both ends inclusive (NAB's labels name
 * the first and last timestamp of the window).
 */
public record AnomalyWindow(int firstRow, int lastRow) {
  public AnomalyWindow {
    if (firstRow < 0 || lastRow < firstRow) {
      throw new IllegalArgumentException("bad window rows [" + firstRow + ", " + lastRow + "]");
    }
  }

  /** Number of rows in the window (NAB's window width). */
  public int width() {
    return lastRow - firstRow + 1;
  }
}
