package io.forewarn.rules.detection.anomaly;

import io.forewarn.rules.detection.StateBytes;

/**
 * Online anomaly score in [0, 1] for one metric whose limits are unknown. Two kinds of evidence, each
 * relative to the series itself:
 * <ul>
 *   <li>range novelty: how far the value leaves the range seen so far, as a fraction of that range
 *       (a spike, a level never reached before);</li>
 *   <li>sequence novelty: transitions between coarse levels never seen in their context, weighted by how
 *       rarely this series produces novelty (an HTM-style likelihood: a noisy series must surprise more),
 *       accumulated over a burst.</li>
 * </ul>
 * The stronger evidence E becomes the score E/(1+E). After a score reaches the alert level the detector
 * stays quiet for a while, because an event is one alert, not one per row. O(1) per value, about 32 KiB
 * of state (the transition memory). The score depends on the order of values only: real feeds repeat or
 * step back timestamps (NAB's files do at a DST change), so the timestamp is recorded, never checked.
 */
public final class StreamingAnomalyDetector {
  static final int STATE_KIND = 0x414E4F4D; // "ANOM"
  static final int STATE_VERSION = 1;
  private static final double MIN_RATE = 1e-6;

  private final AnomalyDetectorConfig config;
  private final SequenceMemory memory;
  private long rows;
  private long lastMillis = Long.MIN_VALUE;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double noveltyRate;
  private double evidence;
  private long quietUntilRow;

  public StreamingAnomalyDetector(AnomalyDetectorConfig config) {
    this.config = config;
    this.memory = new SequenceMemory(config.contextSegments(), config.levelHysteresis(), config.memoryLog2());
    this.noveltyRate = config.initialNoveltyRate();
  }

  /** Scores one value, in arrival order. NaN and infinities are skipped (score 0, state untouched). */
  public double update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      return 0.0;
    }
    lastMillis = epochMillis;
    long row = rows++;
    double strength = 0.0;
    if (row >= config.rangeWarmupRows() && max > min) {
      double outside = Math.max(value - max, min - value);
      strength = Math.max(0.0, outside / (max - min)) / config.rangeTolerance();
    }
    if (row == config.quantizerWarmupRows()) {
      memory.calibrate(min, max, config.levels());
    }
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (row >= config.quantizerWarmupRows()) {
      double novelty = memory.observe(value);
      double surprise = novelty * -Math.log10(Math.max(noveltyRate, MIN_RATE)) / config.decadesPerUnit();
      evidence = evidence * config.evidenceDecay() + surprise;
      noveltyRate += config.noveltyRateAlpha() * (novelty - noveltyRate);
      if (row >= config.quantizerWarmupRows() + config.rangeWarmupRows()) {
        strength = Math.max(strength, evidence);
      }
    }
    double score = strength / (1.0 + strength);
    if (row < quietUntilRow) {
      return 0.0;
    }
    if (score >= config.alertLevel()) {
      quietUntilRow = row + config.suppressionRows();
    }
    return score;
  }

  public AnomalyDetectorConfig config() {
    return config;
  }

  /** The whole state as bytes; {@link #restore} with the same config continues exactly where this left off. */
  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    w.putLong(rows).putLong(lastMillis).putDouble(min).putDouble(max);
    w.putDouble(noveltyRate).putDouble(evidence).putLong(quietUntilRow);
    memory.write(w);
    return w.toByteArray();
  }

  public static StreamingAnomalyDetector restore(AnomalyDetectorConfig config, byte[] state) {
    StreamingAnomalyDetector d = new StreamingAnomalyDetector(config);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    d.rows = r.getLong();
    d.lastMillis = r.getLong();
    d.min = r.getDouble();
    d.max = r.getDouble();
    d.noveltyRate = r.getDouble();
    d.evidence = r.getDouble();
    d.quietUntilRow = r.getLong();
    d.memory.read(r);
    r.end();
    return d;
  }
}
