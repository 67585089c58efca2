package io.forewarn.rules.detection;

/** Which side of a limit is bad. */
public enum Direction {
  /** Values at or above the limit breach it (temperature, latency). */
  ABOVE,
  /** Values at or below the limit breach it (battery, pressure). */
  BELOW;

  /** True when {@code value} is at or past {@code limit} on the bad side. */
  public boolean reaches(double value, double limit) {
    return this == ABOVE ? value >= limit : value <= limit;
  }

  /** True when {@code value} is strictly on the good side of {@code level}. */
  public boolean isBackInside(double value, double level) {
    return this == ABOVE ? value < level : value > level;
  }
}
