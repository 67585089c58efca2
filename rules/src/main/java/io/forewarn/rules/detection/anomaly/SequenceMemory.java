package io.forewarn.rules.detection.anomaly;

import io.forewarn.rules.detection.StateBytes;
import java.util.Arrays;

/**
 * A tiny sequence memory in the spirit of HTM and CAD: the series is cut into runs of coarse levels
 * (with hysteresis, so noise does not flicker between levels), each run has a length bucket on a sqrt(2)
 * scale, and every "new level" or "run grew into a longer bucket" event is looked up together with the
 * last completed runs. An event never seen in that context is novel; a novel event whose shorter context
 * was seen is less surprising (1/(k+1) for context length k).
 */
final class SequenceMemory {
  private static final long NO_LEVEL = Integer.MIN_VALUE;
  private static final int LEVEL_CLAMP = 1000;

  private final int contextSegments;
  private final double hysteresis;
  private final long[] table; // open addressing, 0 = empty, keys are mixed and forced odd
  private final int mask;
  private int used;
  private double low;
  private double step;
  private long level = NO_LEVEL;
  private int runLength;
  private int bucket;
  private final long[] segments; // completed runs, newest first
  private int segmentCount;

  SequenceMemory(int contextSegments, double hysteresis, int memoryLog2) {
    this.contextSegments = contextSegments;
    this.hysteresis = hysteresis;
    this.table = new long[1 << memoryLog2];
    this.mask = table.length - 1;
    this.segments = new long[contextSegments];
  }

  /** Fixes the levels: {@code levels} equal slices of [min, max]; a flat range gets 1% of its value. */
  void calibrate(double min, double max, int levels) {
    low = min;
    step = (max - min) / levels;
    if (!(step > 0)) {
      step = Math.max(Math.abs(min) * 0.01, 1e-9);
    }
  }

  /** Novelty of this value's event in [0, 1]; 0 when the value continues a run within its bucket. */
  double observe(double value) {
    long next = level;
    if (level == NO_LEVEL || value < low + (level - hysteresis) * step
        || value >= low + (level + 1 + hysteresis) * step) {
      next = Math.max(-LEVEL_CLAMP, Math.min(LEVEL_CLAMP, (long) Math.floor((value - low) / step)));
    }
    if (next != level) {
      boolean first = level == NO_LEVEL;
      if (!first) {
        System.arraycopy(segments, 0, segments, 1, contextSegments - 1);
        segments[0] = segmentKey(level, bucket);
        segmentCount = Math.min(contextSegments, segmentCount + 1);
      }
      level = next;
      runLength = 1;
      bucket = 0;
      double novelty = novelty(segmentKey(next, 0xFFFF));
      // The very first level has nothing to be novel against; it is only remembered.
      return first ? 0.0 : novelty;
    }
    runLength++;
    int b = (int) Math.floor(2.0 * Math.log(runLength) / Math.log(2.0));
    if (b == bucket) {
      return 0.0;
    }
    bucket = b;
    // A run that has never ended (a constant series) has no history to be long against.
    return segmentCount > 0 ? novelty(segmentKey(level, 0x8000 | b)) : 0.0;
  }

  private static long segmentKey(long level, int bucket) {
    return ((level + 2 * LEVEL_CLAMP) << 16) | bucket;
  }

  private double novelty(long event) {
    double novelty = 0.0;
    long h = event * 31 + 7;
    if (remember(h)) {
      novelty = 1.0;
    }
    for (int k = 1; k <= segmentCount; k++) {
      h = h * 1_000_003L + segments[k - 1];
      if (remember(h ^ (k * 0x9E3779B97F4A7C15L)) && novelty == 0.0) {
        novelty = 1.0 / (k + 1);
      }
    }
    return novelty;
  }

  /** Adds the key; true when it was not there. A memory half full is wiped: old habits are forgotten. */
  private boolean remember(long key) {
    long k = mix(key) | 1L;
    int i = (int) k & mask;
    while (table[i] != 0) {
      if (table[i] == k) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (used * 2 > table.length) {
      Arrays.fill(table, 0L);
      used = 0;
      i = (int) k & mask;
    }
    table[i] = k;
    used++;
    return true;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  void write(StateBytes.Writer w) {
    w.putDouble(low).putDouble(step).putLong(level).putInt(runLength).putInt(bucket).putInt(segmentCount);
    w.putLongs(segments).putInt(used).putLongs(table);
  }

  void read(StateBytes.Reader r) {
    low = r.getDouble();
    step = r.getDouble();
    level = r.getLong();
    runLength = r.getInt();
    bucket = r.getInt();
    segmentCount = r.getInt();
    copyExact(r.getLongs(), segments, "segments");
    used = r.getInt();
    copyExact(r.getLongs(), table, "memory");
  }

  private static void copyExact(long[] from, long[] to, String what) {
    if (from.length != to.length) {
      throw new IllegalArgumentException(what + " of " + from.length + " entries, config expects " + to.length);
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }
}
