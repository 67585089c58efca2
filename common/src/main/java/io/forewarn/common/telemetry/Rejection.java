package io.forewarn.common.telemetry;

/** Internal control flow of the parsers: the whole message is rejected. Never escapes the decoder. */
final class Rejection extends RuntimeException {
  final RejectReason reason;

  Rejection(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }
}
