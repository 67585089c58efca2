package io.forewarn.rules.detection;

/** Where an alert stands. */
public enum AlertPhase {
  INACTIVE,
  /** The condition holds but not yet for the rule's {@code for} duration. */
  PENDING,
  FIRING
}
