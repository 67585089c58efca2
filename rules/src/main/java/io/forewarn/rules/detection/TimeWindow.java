package io.forewarn.rules.detection;

import java.time.Duration;

/**
 * The samples of the last {@code span} of data time, at most {@code capacity} of them (the oldest go
 * first when either bound is hit), in a ring buffer: O(1) to add, no allocation after construction.
 */
public final class TimeWindow {
  private final long spanMillis;
  private final long[] times;
  private final double[] values;
  private int start;
  private int size;

  public TimeWindow(Duration span, int capacity) {
    if (span.isNegative() || span.isZero() || capacity < 2) {
      throw new IllegalArgumentException("window needs a positive span and room for 2 samples");
    }
    this.spanMillis = span.toMillis();
    this.times = new long[capacity];
    this.values = new double[capacity];
  }

  /** Adds a sample and drops those older than {@code span} before it. Timestamps must not go back. */
  public void add(long atMillis, double value) {
    if (size > 0 && atMillis < timeAt(size - 1)) {
      throw new IllegalArgumentException("sample at " + atMillis + " is older than the last one");
    }
    if (size == times.length) {
      start = (start + 1) % times.length;
      size--;
    }
    int slot = (start + size) % times.length;
    times[slot] = atMillis;
    values[slot] = value;
    size++;
    while (size > 1 && atMillis - times[start] > spanMillis) {
      start = (start + 1) % times.length;
      size--;
    }
  }

  public int size() {
    return size;
  }

  /** i-th sample, 0 the oldest. */
  public long timeAt(int i) {
    return times[(start + i) % times.length];
  }

  public double valueAt(int i) {
    return values[(start + i) % times.length];
  }

  public long lastTime() {
    return timeAt(size - 1);
  }

  /** Data time the samples cover, 0 with fewer than two. */
  public long coveredMillis() {
    return size < 2 ? 0 : timeAt(size - 1) - timeAt(0);
  }

  public void write(StateBytes.Writer w) {
    long[] t = new long[size];
    double[] v = new double[size];
    for (int i = 0; i < size; i++) {
      t[i] = timeAt(i);
      v[i] = valueAt(i);
    }
    w.putLongs(t).putDoubles(v);
  }

  /** Replaces the content with what {@link #write} wrote; a longer history keeps only its newest samples. */
  public void read(StateBytes.Reader r) {
    long[] t = r.getLongs();
    double[] v = r.getDoubles();
    if (t.length != v.length) {
      throw new IllegalArgumentException("window state has " + t.length + " times and " + v.length + " values");
    }
    start = 0;
    size = 0;
    for (int i = 0; i < t.length; i++) {
      add(t[i], v[i]);
    }
  }
}
