package io.forewarn.rules.detection;

/** What changed on one observation: the service opens or resolves incidents on FIRED and CLEARED. */
public enum AlertEvent {
  NONE,
  PENDING_STARTED,
  /** The condition stopped before its {@code for} duration passed: nothing was raised. */
  PENDING_ABANDONED,
  FIRED,
  CLEARED
}
