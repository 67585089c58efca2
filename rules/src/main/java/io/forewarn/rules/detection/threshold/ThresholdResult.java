package io.forewarn.rules.detection.threshold;

import io.forewarn.rules.detection.AlertStep;

/** The alert after one sample and the value the rule compared (raw or aggregate). */
public record ThresholdResult(AlertStep step, double observed) {}
