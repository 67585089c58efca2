package io.forewarn.rules.detection.trend;

import io.forewarn.rules.detection.AlertStep;

/**
 * The alert after one sample and the fitted slope in units per hour (NaN while the window does not yet
 * cover the rule's minimum).
 */
public record SlopeResult(AlertStep step, double slopePerHour) {}
