package io.forewarn.rules.engine;

import io.forewarn.rules.detection.StateBytes;

/**
 * One device's part in its firmware's comparison for one rule: its residuals summed over the current
 * bucket. The device hands in its mean when its first sample of a later bucket arrives (any metric: a
 * boiler that stopped firing still reports), so each device counts once per bucket however often it reports.
 */
final class CohortShare {
  static final long NONE = Long.MIN_VALUE;
  private long bucket = NONE;
  private double sum;
  private int count;

  /**
   * Moves to bucket {@code b}. Returns the bucket left behind and its mean residual, or null when it stays in
   * the same bucket or the one left had no residual.
   */
  Done roll(long b) {
    if (b <= bucket) {
      return null;
    }
    Done done = bucket != NONE && count > 0 ? new Done(bucket, sum / count) : null;
    bucket = b;
    sum = 0;
    count = 0;
    return done;
  }

  /** What a device hands in for a bucket. */
  record Done(long bucket, double mean) {}

  /** Counts towards the current bucket; nothing before the first roll (no comparison, or none yet). */
  void add(double residual) {
    if (bucket != NONE) {
      sum += residual;
      count++;
    }
  }

  void copyFrom(CohortShare other) {
    bucket = other.bucket;
    sum = other.sum;
    count = other.count;
  }

  void write(StateBytes.Writer w) {
    w.putLong(bucket).putDouble(sum).putInt(count);
  }

  void read(StateBytes.Reader r) {
    bucket = r.getLong();
    sum = r.getDouble();
    count = r.getInt();
  }
}
