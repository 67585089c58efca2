package io.forewarn.benchrules;

import java.util.SplittableRandom;

/**
 * Benchmark input: a healthy device's readings every 15 minutes (a daily swing plus Gaussian noise and
 * rare glitches), precomputed so the benchmark measures the rule, not the random numbers.
 */
final class Series {
  static final int LENGTH = 1 << 14;
  static final long STEP_MILLIS = 15 * 60_000L;
  static final long START = 1_761_955_200_000L; // 2025-11-01T00:00Z

  private Series() {}

  static double[] values(double level, double swing, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      double hour = (i % 96) / 4.0;
      double glitch = rng.nextInt(500) == 0 ? 6 * noise : 0;
      v[i] = level + swing * Math.sin(2 * Math.PI * hour / 24) + noise * gaussian(rng) + glitch;
    }
    return v;
  }

  private static double gaussian(SplittableRandom rng) {
    double u = rng.nextDouble();
    double w = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(Math.max(u, 1e-300))) * Math.cos(2 * Math.PI * w);
  }
}
