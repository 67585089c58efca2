package io.forewarn.notifier.channel.sms;

import io.forewarn.notifier.channel.FailureCode;
import java.util.Map;
import java.util.Optional;

/**
 * A Twilio status callback (form POST): {@code MessageSid}, {@code AccountSid}, {@code From},
 * {@code To}, {@code MessageStatus} and, on failure, {@code ErrorCode} (a code only: Twilio
 * sends no text with it). Deduplicate on (sid, status), not the sid alone: one message sends
 * several callbacks.
 */
public record StatusCallback(String messageSid, String accountSid, String from, String to, MessageStatus status,
    Integer errorCode) {

  /** Parses the form fields; fails with a message naming the bad field (answer such requests 400). */
  public static StatusCallback parse(Map<String, String> form) {
    String sid = require(form, "MessageSid");
    String account = require(form, "AccountSid");
    String rawStatus = require(form, "MessageStatus");
    MessageStatus status = MessageStatus.parse(rawStatus)
        .orElseThrow(() -> new IllegalArgumentException("unknown MessageStatus '" + rawStatus + "'"));
    Integer error = null;
    String rawError = form.get("ErrorCode");
    if (rawError != null && !rawError.isBlank()) {
      try {
        error = Integer.valueOf(rawError.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ErrorCode '" + rawError + "' is not a number");
      }
    }
    return new StatusCallback(sid, account, form.get("From"), form.get("To"), status, error);
  }

  /** For undelivered/failed messages, what the error code means for the next channel. */
  public Optional<FailureCode> failure() {
    if (!status.isFailure()) {
      return Optional.empty();
    }
    return Optional.of(errorCode == null ? FailureCode.REJECTED : TwilioErrors.forCallback(errorCode));
  }

  static String require(Map<String, String> form, String field) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return value.strip();
  }
}
