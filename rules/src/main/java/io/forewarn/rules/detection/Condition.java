package io.forewarn.rules.detection;

/** What one observation says about an alert's condition, with hysteresis between trigger and clear levels. */
public enum Condition {
  /** Past the trigger level. */
  BREACHING,
  /** Between the clear and the trigger level: keeps a firing alert firing, never starts one. */
  HOLDING,
  /** Back past the clear level. */
  CLEAR;

  /** Classifies {@code value} against a trigger level and a clear level on the good side of it. */
  public static Condition of(Direction direction, double value, double trigger, double clear) {
    if (direction.reaches(value, trigger)) {
      return BREACHING;
    }
    return direction.isBackInside(value, clear) ? CLEAR : HOLDING;
  }
}
