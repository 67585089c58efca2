package io.forewarn.rules.detection.forecast;

import io.forewarn.rules.detection.AlertStep;

/** The alert after one sample and the time-to-limit estimate behind it. */
public record ForecastResult(AlertStep step, Eta eta) {}
