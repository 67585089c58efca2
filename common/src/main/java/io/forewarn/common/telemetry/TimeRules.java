package io.forewarn.common.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** How a {@code ts} is read and which instants are plausible. */
final class TimeRules {
  /** Below this an epoch-millis value is almost surely epoch seconds (before 1973 in millis). */
  private static final long SECONDS_SUSPICION_LIMIT = 100_000_000_000L;

  private final PayloadLimits limits;

  TimeRules(PayloadLimits limits) {
    this.limits = limits;
  }

  /** Reads the current token as ISO-8601 text or integral epoch milliseconds. */
  Instant read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeException e) {
        throw new Rejection(RejectReason.BAD_TIMESTAMP,
            "ts '" + SampleBuilder.printable(text) + "' is not an ISO-8601 instant with offset");
      }
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        throw new Rejection(RejectReason.BAD_TIMESTAMP, "ts " + parser.getText() + " is out of range");
      }
      long millis = parser.getLongValue();
      try {
        return Instant.ofEpochMilli(millis);
      } catch (DateTimeException e) {
        throw new Rejection(RejectReason.BAD_TIMESTAMP, "ts " + millis + " is out of range");
      }
    }
    throw new Rejection(RejectReason.BAD_TIMESTAMP,
        "ts must be an ISO-8601 string or integral epoch milliseconds, got " + describe(token));
  }

  /** Throws when {@code ts} is outside [receivedAt - maxAge, receivedAt + maxFuture]. */
  void checkPlausible(Instant ts, Instant receivedAt) {
    if (ts.isAfter(receivedAt.plus(limits.maxFuture()))) {
      throw new Rejection(RejectReason.TIMESTAMP_IN_FUTURE,
          "ts " + ts + " is more than " + limits.maxFuture() + " ahead of receive time " + receivedAt);
    }
    if (ts.isBefore(receivedAt.minus(limits.maxAge()))) {
      // Seconds, not toEpochMilli(): that overflows (and threw) for ts near Long.MIN_VALUE milliseconds.
      String hint = Math.abs(ts.getEpochSecond()) < SECONDS_SUSPICION_LIMIT / 1_000
          ? " (looks like epoch seconds; ts must be epoch milliseconds)" : "";
      throw new Rejection(RejectReason.TIMESTAMP_TOO_OLD,
          "ts " + ts + " is older than " + limits.maxAge() + hint);
    }
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }
}
