package io.forewarn.notifier.outreach;

/** Why a message is sent when it is. */
public enum SendTiming {
  /** Outside quiet hours (or the customer has none): send now. */
  IMMEDIATE,
  /** Held until the customer's quiet hours end. */
  AFTER_QUIET_HOURS,
  /** Inside quiet hours, but this kind of incident is configured to override them. */
  QUIET_HOURS_OVERRIDDEN
}
