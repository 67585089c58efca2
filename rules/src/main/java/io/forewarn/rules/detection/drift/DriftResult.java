package io.forewarn.rules.detection.drift;

import io.forewarn.rules.detection.AlertStep;

/**
 * The alert after one sample and the evidence: the upward and downward CUSUMs (in sigmas) and the
 * baseline they measure against.
 */
public record DriftResult(AlertStep step, double upward, double downward, double baselineMean, double baselineSigma) {}
