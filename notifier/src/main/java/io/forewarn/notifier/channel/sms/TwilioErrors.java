package io.forewarn.notifier.channel.sms;

import io.forewarn.notifier.channel.FailureCode;

/** Twilio error codes (twilio.com/docs/api/errors) sorted into our failure codes. */
final class TwilioErrors {
  /** Too many concurrent requests: never processed, safe to retry. */
  static final int TOO_MANY_REQUESTS = 20429;

  private TwilioErrors() {}

  /** A REST error body's code; {@code httpStatus} decides when the code says nothing specific. */
  static FailureCode forRest(int code, int httpStatus) {
    return switch (code) {
      case 21211, 21604 -> FailureCode.INVALID_RECIPIENT; // invalid / missing 'To'
      case 21610 -> FailureCode.RECIPIENT_OPTED_OUT; // recipient sent STOP
      case 21408, 21612, 21614, 21635 -> FailureCode.UNDELIVERABLE_DESTINATION; // geo, route, not mobile
      case 20003 -> FailureCode.AUTHENTICATION;
      case 20404 -> FailureCode.NOT_FOUND;
      default -> httpStatus == 401 || httpStatus == 403 ? FailureCode.AUTHENTICATION : FailureCode.REJECTED;
    };
  }

  /** A status callback's {@code ErrorCode} on undelivered/failed (30xxx carrier errors). */
  static FailureCode forCallback(int code) {
    return switch (code) {
      case 30003, 30006 -> FailureCode.UNDELIVERABLE_DESTINATION; // unreachable handset, landline
      case 30005 -> FailureCode.INVALID_RECIPIENT; // unknown destination
      case 21610, 30004 -> FailureCode.RECIPIENT_OPTED_OUT; // opted out / blocked by recipient
      default -> forRest(code, 400);
    };
  }
}
