package io.forewarn.rules.detection.threshold;

/** What a threshold rule compares with its levels: the raw value or an aggregate over its window. */
public enum Aggregation {
  LAST,
  MEAN,
  MAX,
  MIN
}
