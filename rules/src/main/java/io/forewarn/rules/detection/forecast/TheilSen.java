package io.forewarn.rules.detection.forecast;

/**
 * Theil–Sen line on n points in O(n): instead of all n(n-1)/2 pairs, the n/2 disjoint pairs (i, i + n/2).
 * Disjoint pairs make the pairwise slopes independent under independent noise, so the distribution-free
 * confidence interval of a median (binomial order statistics) applies to the slope. Scratch arrays are
 * reused; not thread-safe.
 */
final class TheilSen {
  private static final double MILLIS_PER_HOUR = 3_600_000.0;
  private final double[] slopes;
  private final double[] residuals;

  /** Fit result: slope and slope bounds per hour, level at the last sample. */
  record Fit(double slope, double slopeLow, double slopeHigh, double level) {}

  TheilSen(int maxSamples) {
    this.slopes = new double[maxSamples / 2];
    this.residuals = new double[maxSamples];
  }

  /** Fits times[0..n) (ascending) and values[0..n); the level is the fitted value at times[n - 1]. */
  Fit fit(long[] times, double[] values, int n, double z) {
    int half = n / 2;
    long t0 = times[n - 1];
    int m = 0;
    for (int i = 0; i < half; i++) {
      long dt = times[i + half] - times[i];
      if (dt > 0) {
        slopes[m++] = (values[i + half] - values[i]) / (dt / MILLIS_PER_HOUR);
      }
    }
    if (m == 0) {
      return new Fit(0, 0, 0, values[n - 1]);
    }
    double slope = median(slopes, m);
    // Distribution-free interval of a median: order statistics m/2 -+ z sqrt(m)/2.
    double spread = z * Math.sqrt(m) / 2.0;
    int lowRank = (int) Math.max(0, Math.floor((m - 1) / 2.0 - spread));
    int highRank = (int) Math.min(m - 1, Math.ceil((m - 1) / 2.0 + spread));
    // median() left slopes partitioned around index m / 2: each bound is searched on its own side only.
    int mid = m / 2;
    double slopeLow = lowRank >= mid ? slopes[mid] : select(slopes, 0, mid - 1, lowRank);
    double slopeHigh = highRank <= mid ? slopes[mid] : select(slopes, mid + 1, m - 1, highRank);
    for (int i = 0; i < n; i++) {
      residuals[i] = values[i] - slope * ((times[i] - t0) / MILLIS_PER_HOUR);
    }
    double level = median(residuals, n);
    return new Fit(slope, Math.min(slopeLow, slope), Math.max(slopeHigh, slope), level);
  }

  /** Median of a[0..n); leaves a partitioned around index n / 2 (smaller before, larger after). */
  private static double median(double[] a, int n) {
    double upper = select(a, 0, n - 1, n / 2);
    if (n % 2 == 1) {
      return upper;
    }
    // Everything before n / 2 is <= upper: the lower middle value is their maximum.
    double lower = a[0];
    for (int i = 1; i < n / 2; i++) {
      lower = Math.max(lower, a[i]);
    }
    return (upper + lower) / 2.0;
  }

  /** k-th smallest of a[0..n) by quickselect (reorders a). */
  static double select(double[] a, int n, int k) {
    return select(a, 0, n - 1, k);
  }

  /**
   * k-th smallest of a[0..n) where a[from..to] is known to hold ranks from..to (reorders only that
   * range); afterwards every element before k is <= a[k] and every element after it >= a[k].
   */
  static double select(double[] a, int from, int to, int k) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }
}
