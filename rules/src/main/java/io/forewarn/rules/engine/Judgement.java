package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;

/**
 * What one sample says for one rule.
 *
 * @param condition    breaching / holding (between the levels) / clear
 * @param observed     the value the rule compared (raw, aggregate, increase, CUSUM), for evidence
 * @param etaMillis    forecast time to the limit from this sample, or -1 when there is none
 * @param residual     the sample's deviation from the device's own baseline in the metric's units, for the
 *                     firmware comparison; NaN when the detector has none (yet)
 */
record Judgement(Condition condition, double observed, long etaMillis, double residual) {
  Judgement(Condition condition, double observed, long etaMillis) {
    this(condition, observed, etaMillis, Double.NaN);
  }
}
