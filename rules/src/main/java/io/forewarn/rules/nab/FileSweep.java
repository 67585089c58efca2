package io.forewarn.rules.nab;

/**
 * One file's rows prepared for NAB's threshold sweep (NAB's {@code calcSweepScore}): for each row the
 * detector's anomaly score, the weighted score the row earns if it is a detection, and where it lies.
 * Arrays are owned by this object and never handed out.
 */
final class FileSweep {
  /** {@link #windowOf} value of a row inside the probationary period: never scored. */
  static final int PROBATION = -2;
  /** {@link #windowOf} value of a row outside every window: a detection there is a false positive. */
  static final int OUTSIDE = -1;

  private final double[] anomalyScores;
  private final double[] sweepScores;
  private final int[] windowOf;
  private final int windowCount;

  FileSweep(double[] anomalyScores, double[] sweepScores, int[] windowOf, int windowCount) {
    this.anomalyScores = anomalyScores;
    this.sweepScores = sweepScores;
    this.windowOf = windowOf;
    this.windowCount = windowCount;
  }

  int rows() {
    return anomalyScores.length;
  }

  double anomalyScore(int row) {
    return anomalyScores[row];
  }

  double sweepScore(int row) {
    return sweepScores[row];
  }

  /** Index of the window the row is in, {@link #OUTSIDE} or {@link #PROBATION}. */
  int windowOf(int row) {
    return windowOf[row];
  }

  int windowCount() {
    return windowCount;
  }
}
