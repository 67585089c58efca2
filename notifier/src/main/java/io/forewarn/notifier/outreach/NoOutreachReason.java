package io.forewarn.notifier.outreach;

/** Why a notice produced no customer message. */
public enum NoOutreachReason {
  /** Too minor to disturb the customer; operations still get a ticket. */
  BELOW_SEVERITY_THRESHOLD,
  /** We already told the customer about this incident (or already closed it). */
  ALREADY_NOTIFIED,
  /** An update that changes nothing the customer would act on (e.g. ETA moved by minutes). */
  NO_MEANINGFUL_CHANGE,
  /** Resolved before the customer ever heard of it: a "fixed" message would only confuse. */
  NOTHING_TO_CLOSE,
  /**
   * The incident was already over when this transition reached us (its resolution is queued behind
   * it): "we noticed a problem" followed at once by "it is fixed" is two messages about nothing the
   * customer can still act on.
   */
  RESOLVED_BEFORE_TOLD,
  /** Every preferred channel is opted out or lacks an address. */
  NO_USABLE_CHANNEL,
  /** The customer already got their daily maximum of messages. */
  DAILY_CAP_REACHED,
  /** Every channel was tried and failed permanently. */
  ALL_CHANNELS_FAILED
}
