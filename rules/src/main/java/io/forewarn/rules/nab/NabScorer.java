package io.forewarn.rules.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAB's scoring, restated from its sweeper and optimiser: each row gets the weighted score it would earn
 * as a detection, one threshold for the whole corpus is chosen by sweeping every distinct anomaly score,
 * and the raw total is normalised between a detector that never fires and a perfect one.
 */
public final class NabScorer {
  private static final double PROBATION_FRACTION = 0.15;
  private static final int PROBATION_CAP = 750; // NAB: probationPercent * 5000
  // NAB's sweep starts above every possible score, so its first threshold detects nothing.
  private static final double START_THRESHOLD = 1.1;

  private final CostProfile profile;

  public NabScorer(CostProfile profile) {
    this.profile = profile;
  }

  /** Rows at the start of a file that are never scored: min(floor(0.15 n), 750). */
  public static int probationRows(int rows) {
    return (int) Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_CAP);
  }

  /** NAB's scaled sigmoid 2/(1+e^{5p}) - 1, with -1 for positions more than 3 widths past a window. */
  public static double scaledSigmoid(double position) {
    return position > 3.0 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * position)) - 1.0;
  }

  /** Scores a detector's output for a corpus: best threshold, normalised score, per-file scores. */
  public ProfileResult score(List<NabSeries> corpus, List<double[]> anomalyScores) {
    if (corpus.size() != anomalyScores.size()) {
      throw new IllegalArgumentException("one score array per series is needed");
    }
    List<FileSweep> sweeps = new ArrayList<>(corpus.size());
    List<FileSweep> nullSweeps = new ArrayList<>(corpus.size());
    int windowCount = 0;
    for (int i = 0; i < corpus.size(); i++) {
      NabSeries series = corpus.get(i);
      sweeps.add(sweep(series, anomalyScores.get(i)));
      nullSweeps.add(sweep(series, new double[series.size()]));
      windowCount += series.windows().size();
    }
    ThresholdScore best = best(sweeps);
    double nullScore = best(nullSweeps).score();
    // NAB's normaliser: the perfect detector earns tpWeight for each labelled window.
    double perfect = windowCount * profile.tpWeight();
    double normalised = 100.0 * (best.score() - nullScore) / (perfect - nullScore);
    List<Double> perFile = sweeps.stream().map(s -> scoreAt(s, best.threshold())).toList();
    return new ProfileResult(profile, best, nullScore, perfect, normalised, perFile);
  }

  /** NAB's {@code calcSweepScore}: the weighted score and window of each row of one file. */
  FileSweep sweep(NabSeries series, double[] scores) {
    int n = series.size();
    if (scores.length != n) {
      throw new IllegalArgumentException(series.relativePath() + ": " + scores.length + " scores for " + n + " rows");
    }
    double maxTp = scaledSigmoid(-1.0);
    int probation = probationRows(n);
    double[] sweepScores = new double[n];
    int[] windowOf = new int[n];
    List<AnomalyWindow> windows = series.windows();
    int next = 0; // next window to enter
    int current = -1; // window the row is in, or -1
    int previous = -1; // last window left behind, or -1
    for (int i = 0; i < n; i++) {
      double s = scores[i];
      if (!(s >= 0.0 && s <= 1.0)) {
        throw new IllegalArgumentException(series.relativePath() + " row " + i + ": score " + s + " not in [0, 1]");
      }
      if (next < windows.size() && i == windows.get(next).firstRow()) {
        current = next++;
      }
      if (current >= 0) {
        AnomalyWindow w = windows.get(current);
        // -1 on the window's first row, -1/width on its last.
        double position = -(w.lastRow() - i + 1) / (double) w.width();
        sweepScores[i] = scaledSigmoid(position) * profile.tpWeight() / maxTp;
      } else if (previous < 0) {
        sweepScores[i] = -profile.fpWeight();
      } else {
        AnomalyWindow w = windows.get(previous);
        double position = w.width() > 1 ? Math.abs(w.lastRow() - i) / (double) (w.width() - 1)
            : Double.POSITIVE_INFINITY;
        sweepScores[i] = scaledSigmoid(position) * profile.fpWeight();
      }
      windowOf[i] = i < probation ? FileSweep.PROBATION : (current >= 0 ? current : FileSweep.OUTSIDE);
      if (current >= 0 && i == windows.get(current).lastRow()) {
        previous = current;
        current = -1;
      }
    }
    return new FileSweep(scores.clone(), sweepScores, windowOf, windows.size());
  }

  /** NAB's {@code calcScoreByThreshold} over several files: one entry per distinct score, highest first. */
  List<ThresholdScore> scoresByThreshold(List<FileSweep> files) {
    int total = 0;
    int windows = 0;
    for (FileSweep f : files) {
      total += f.rows();
      windows += f.windowCount();
    }
    double[] score = new double[total];
    double[] sweep = new double[total];
    int[] window = new int[total];
    double[] windowBest = new double[windows];
    Arrays.fill(windowBest, Double.NaN); // NaN: window has no scorable row, so it is not part of the score
    int rows = 0;
    int windowBase = 0;
    int tn = 0;
    int fn = 0;
    for (FileSweep f : files) {
      for (int i = 0; i < f.rows(); i++) {
        int w = f.windowOf(i);
        if (w == FileSweep.PROBATION) {
          continue;
        }
        score[rows] = f.anomalyScore(i);
        sweep[rows] = f.sweepScore(i);
        window[rows] = w == FileSweep.OUTSIDE ? -1 : windowBase + w;
        if (w == FileSweep.OUTSIDE) {
          tn++;
        } else {
          fn++;
          windowBest[windowBase + w] = -profile.fnWeight();
        }
        rows++;
      }
      windowBase += f.windowCount();
    }
    double running = 0.0;
    for (double b : windowBest) {
      running += Double.isNaN(b) ? 0.0 : b;
    }
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    // Stable sort, highest score first, as NAB's sorted(..., reverse=True).
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    List<ThresholdScore> out = new ArrayList<>();
    double threshold = START_THRESHOLD;
    int tp = 0;
    int fp = 0;
    for (int k = 0; k < rows; k++) {
      int r = order[k];
      if (score[r] != threshold) {
        out.add(new ThresholdScore(threshold, running, tp, tn, fp, fn));
        threshold = score[r];
      }
      int w = window[r];
      if (w < 0) {
        fp++;
        tn--;
        running += sweep[r];
      } else {
        tp++;
        fn--;
        if (sweep[r] > windowBest[w]) {
          running += sweep[r] - windowBest[w];
          windowBest[w] = sweep[r];
        }
      }
    }
    out.add(new ThresholdScore(threshold, running, tp, tn, fp, fn));
    return out;
  }

  /** NAB's optimiser: the highest-scoring threshold; among equal scores the highest threshold wins. */
  ThresholdScore best(List<FileSweep> files) {
    ThresholdScore best = null;
    for (ThresholdScore t : scoresByThreshold(files)) {
      if (best == null || t.score() > best.score()) {
        best = t;
      }
    }
    return best;
  }

  /** Raw score of one file when rows scoring {@code >= threshold} are detections. */
  double scoreAt(FileSweep file, double threshold) {
    double[] windowBest = new double[file.windowCount()];
    boolean[] scorable = new boolean[file.windowCount()];
    Arrays.fill(windowBest, -profile.fnWeight());
    double fp = 0.0;
    for (int i = 0; i < file.rows(); i++) {
      int w = file.windowOf(i);
      if (w == FileSweep.PROBATION) {
        continue;
      }
      if (w >= 0) {
        scorable[w] = true;
      }
      if (file.anomalyScore(i) < threshold) {
        continue;
      }
      if (w == FileSweep.OUTSIDE) {
        fp += file.sweepScore(i);
      } else {
        windowBest[w] = Math.max(windowBest[w], file.sweepScore(i));
      }
    }
    double total = fp;
    for (int w = 0; w < windowBest.length; w++) {
      total += scorable[w] ? windowBest[w] : 0.0;
    }
    return total;
  }
}
