package io.forewarn.rules.nab;

import io.forewarn.rules.detection.anomaly.AnomalyDetectorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Scores the detector with one setting changed at a time, so the report shows how much the result
 * hangs on each choice (a score that collapses next to the chosen value is tuned to this corpus).
 */
final class Sensitivity {
  /** A variant and its normalised scores, in {@link CostProfile#NAB} order. */
  record Row(String change, List<Double> scores) {}

  private Sensitivity() {}

  static List<Row> around(AnomalyDetectorConfig base, List<NabSeries> corpus) {
    List<Row> rows = new ArrayList<>();
    rows.add(score("none (the configuration above)", base, corpus));
    for (int q : new int[] {192, 240, 336, 384}) {
      rows.add(score("quantizerWarmupRows " + q,
          with(base, c -> copy(c, q, c.suppressionRows(), c.levels(), c.contextSegments())), corpus));
    }
    for (int s : new int[] {100, 400}) {
      rows.add(score("suppressionRows " + s,
          with(base, c -> copy(c, c.quantizerWarmupRows(), s, c.levels(), c.contextSegments())), corpus));
    }
    for (int l : new int[] {6, 10}) {
      rows.add(score("levels " + l,
          with(base, c -> copy(c, c.quantizerWarmupRows(), c.suppressionRows(), l, c.contextSegments())), corpus));
    }
    for (int k : new int[] {2, 3}) {
      rows.add(score("contextSegments " + k,
          with(base, c -> copy(c, c.quantizerWarmupRows(), c.suppressionRows(), c.levels(), k)), corpus));
    }
    return rows;
  }

  private static AnomalyDetectorConfig with(AnomalyDetectorConfig base, UnaryOperator<AnomalyDetectorConfig> change) {
    return change.apply(base);
  }

  private static AnomalyDetectorConfig copy(AnomalyDetectorConfig c, int quantizerWarmup, int suppression, int levels,
      int context) {
    return new AnomalyDetectorConfig(c.rangeWarmupRows(), c.rangeTolerance(), levels, c.levelHysteresis(), context,
        quantizerWarmup, c.memoryLog2(), c.noveltyRateAlpha(), c.initialNoveltyRate(), c.decadesPerUnit(),
        c.evidenceDecay(), suppression, c.alertLevel());
  }

  private static Row score(String change, AnomalyDetectorConfig config, List<NabSeries> corpus) {
    List<double[]> scores = corpus.stream().map(s -> NabCommand.detect(config, s)).toList();
    List<Double> normalised = CostProfile.NAB.stream()
        .map(p -> new NabScorer(p).score(corpus, scores).normalised()).toList();
    return new Row(change, normalised);
  }
}
