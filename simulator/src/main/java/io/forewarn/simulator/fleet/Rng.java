package io.forewarn.simulator.fleet;

/**
 * A small, fast, seedable generator (SplitMix64). Not thread-safe. Everything the simulator draws
 * comes from an {@code Rng} derived from the run seed with {@link #mix}, so a value depends only on
 * the seed and on what it describes (device index, sample slot), never on the order of generation:
 * that is what makes fleets and faults repeatable and lets the history writer run devices in parallel.
 */
public final class Rng {
  private long state;
  private double spareGaussian = Double.NaN;

  public Rng(long seed) {
    this.state = seed;
  }

  /** A well-spread 64-bit value from several keys (seed, kind of draw, index, ...). */
  public static long mix(long... keys) {
    long h = 0x9E3779B97F4A7C15L;
    for (long k : keys) {
      h = finalise(h ^ finalise(k + 0x632BE59BD9B4E019L));
    }
    return h;
  }

  /** A stable key for a label, so call sites can say {@code mix(seed, key("fault"), i)}. */
  public static long key(String label) {
    long h = 1125899906842597L;
    for (int i = 0; i < label.length(); i++) {
      h = 31 * h + label.charAt(i);
    }
    return h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    return finalise(state);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  public double uniform(double from, double to) {
    return from + (to - from) * nextDouble();
  }

  public int nextInt(int bound) {
    return (int) ((nextLong() >>> 33) % bound);
  }

  public boolean chance(double probability) {
    return nextDouble() < probability;
  }

  /**
   * Standard normal, truncated to [-3, 3]: noise stays bounded, which is what lets the simulator
   * promise that healthy devices never cross a failure limit.
   */
  public double gaussian() {
    double g;
    if (!Double.isNaN(spareGaussian)) {
      g = spareGaussian;
      spareGaussian = Double.NaN;
    } else {
      double u1 = Math.max(nextDouble(), 1e-12);
      double u2 = nextDouble();
      double r = Math.sqrt(-2 * Math.log(u1));
      g = r * Math.cos(2 * Math.PI * u2);
      spareGaussian = r * Math.sin(2 * Math.PI * u2);
    }
    return Math.max(-3, Math.min(3, g));
  }

  /** Poisson count with mean {@code lambda} (Knuth for small means, a normal approximation above 30). */
  public int poisson(double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian()));
    }
    double limit = Math.exp(-lambda);
    double product = nextDouble();
    int n = 0;
    while (product > limit) {
      product *= nextDouble();
      n++;
    }
    return n;
  }

  /** Picks an index with probability proportional to its weight. */
  public int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
