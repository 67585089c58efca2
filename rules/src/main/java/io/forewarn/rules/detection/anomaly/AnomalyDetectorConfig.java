package io.forewarn.rules.detection.anomaly;

/**
 * Settings of {@link StreamingAnomalyDetector}. One configuration serves every metric: everything is
 * relative to the series' own range and to how often it surprises itself.
 *
 * @param rangeWarmupRows     rows seen before a value outside the seen range counts (the range is unknown before)
 * @param rangeTolerance      exceeding the seen range by this fraction of it scores 0.5, the alerting level
 * @param levels              coarse levels the sequence memory quantises the first day's range into
 * @param levelHysteresis     fraction of a level a value must move past a boundary to change level (noise)
 * @param contextSegments     how many past level segments form the context of a transition
 * @param quantizerWarmupRows rows whose range defines the levels (288: one day of 5-minute samples)
 * @param memoryLog2          the transition memory holds 2^memoryLog2 keys (cleared when half full)
 * @param noveltyRateAlpha    smoothing of the series' own rate of novel transitions
 * @param initialNoveltyRate  assumed novelty rate before it is learnt (high, so early novelty is not alarming)
 * @param decadesPerUnit      surprise, in decades of improbability, that counts as one unit of evidence
 * @param evidenceDecay       per-row decay of accumulated sequence evidence (bursts of novelty add up)
 * @param suppressionRows     rows kept quiet after an alert-level score: one event, one alert
 * @param alertLevel          scores at or above this start the suppression
 */
public record AnomalyDetectorConfig(
    int rangeWarmupRows,
    double rangeTolerance,
    int levels,
    double levelHysteresis,
    int contextSegments,
    int quantizerWarmupRows,
    int memoryLog2,
    double noveltyRateAlpha,
    double initialNoveltyRate,
    double decadesPerUnit,
    double evidenceDecay,
    int suppressionRows,
    double alertLevel) {

  public AnomalyDetectorConfig {
    StringBuilder problems = new StringBuilder();
    check(problems, rangeWarmupRows >= 1, "rangeWarmupRows must be >= 1");
    check(problems, rangeTolerance > 0, "rangeTolerance must be > 0");
    check(problems, levels >= 2, "levels must be >= 2");
    check(problems, levelHysteresis >= 0 && levelHysteresis < 1, "levelHysteresis must be in [0, 1)");
    check(problems, contextSegments >= 1 && contextSegments <= 8, "contextSegments must be in [1, 8]");
    check(problems, quantizerWarmupRows >= 2, "quantizerWarmupRows must be >= 2");
    check(problems, memoryLog2 >= 6 && memoryLog2 <= 20, "memoryLog2 must be in [6, 20]");
    check(problems, noveltyRateAlpha > 0 && noveltyRateAlpha < 1, "noveltyRateAlpha must be in (0, 1)");
    check(problems, initialNoveltyRate > 0 && initialNoveltyRate <= 1, "initialNoveltyRate must be in (0, 1]");
    check(problems, decadesPerUnit > 0, "decadesPerUnit must be > 0");
    check(problems, evidenceDecay >= 0 && evidenceDecay < 1, "evidenceDecay must be in [0, 1)");
    check(problems, suppressionRows >= 0, "suppressionRows must be >= 0");
    check(problems, alertLevel > 0 && alertLevel < 1, "alertLevel must be in (0, 1)");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid anomaly detector config:" + problems);
    }
  }

  private static void check(StringBuilder problems, boolean ok, String message) {
    if (!ok) {
      problems.append(' ').append(message).append(';');
    }
  }

  /** The configuration scored on NAB (docs/rules-nab.md). */
  public static AnomalyDetectorConfig defaults() {
    return new AnomalyDetectorConfig(100, 0.05, 8, 0.25, 1, 288, 12, 0.001, 0.05, 4.0, 0.9, 200, 0.5);
  }
}
