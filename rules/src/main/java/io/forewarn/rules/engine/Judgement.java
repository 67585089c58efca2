package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;

/**
 * What one sample says for one rule.
 *
 * @param condition    breaching / holding (between the levels) / clear
 * @param observed     the value the rule compared (raw, aggregate, increase, CUSUM), for evidence
 * @param etaMillis    forecast time to the limit from this sample, or -1 when there is none
 */
record Judgement(Condition condition, double observed, long etaMillis) {}
