package io.forewarn.rules.nab;

/**
 * The raw NAB score of a corpus (or one file) when rows with anomaly score {@code >= threshold} are
 * detections, with NAB's row counts (rows in windows are positives, the probationary rows are not counted).
 */
public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {}
