package io.forewarn.notifier.channel;

/** Why a provider refused a message for good. None of these is ever retried. */
public enum FailureCode {
  /** The address or number is not valid (Twilio 21211, SMTP 550/553 on the recipient). */
  INVALID_RECIPIENT,
  /** The recipient opted out (Twilio 21610): record the opt-out, use the next channel. */
  RECIPIENT_OPTED_OUT,
  /** The number cannot take SMS (landline, blocked country: Twilio 21408, 21612, 21614). */
  UNDELIVERABLE_DESTINATION,
  /** Our credentials were refused: an operator must fix the configuration. */
  AUTHENTICATION,
  /** The target (e.g. the ticket to comment on) does not exist. */
  NOT_FOUND,
  /** The idempotency key was reused with different content (a bug on our side). */
  IDEMPOTENCY_CONFLICT,
  /** Anything else the provider rejected as a client error. */
  REJECTED
}
