package io.forewarn.common.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Status messages: a bare word ({@code online}, {@code offline}, {@code true}, {@code false},
 * {@code 1}, {@code 0}) as a device's birth or last-will payload typically is, or
 * {@code {"online": true, "ts": ..., "reason": "..."}} (also {@code "status": "online"}).
 */
final class StatusParser {
  private static final int MAX_REASON_LENGTH = 200;

  private final TimeRules time;
  private final JsonFactory factory;

  StatusParser(TimeRules time, JsonFactory factory) {
    this.time = time;
    this.factory = factory;
  }

  Decoded parse(String deviceId, byte[] payload, Instant receivedAt) throws IOException {
    String text = new String(payload, StandardCharsets.UTF_8).trim();
    Boolean bare = word(text);
    if (bare != null) {
      return new Decoded.Status(deviceId, bare, receivedAt, null);
    }
    if (!text.startsWith("{")) {
      throw new Rejection(RejectReason.WRONG_SHAPE,
          "status must be online/offline (or true/false, 1/0) or a JSON object with \"online\"");
    }
    try (JsonParser p = factory.createParser(payload)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new Rejection(RejectReason.WRONG_SHAPE,
            "status must be online/offline or a JSON object, got " + TimeRules.describe(first));
      }
      Boolean online = null;
      Instant ts = null;
      String reason = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "online" -> online = bool(value);
          case "status" -> online = value == JsonToken.VALUE_STRING ? word(p.getText()) : null;
          case "ts" -> ts = value == JsonToken.VALUE_NULL ? null : time.read(p);
          case "reason" -> reason = value == JsonToken.VALUE_STRING ? shorten(p.getText()) : null;
          default -> p.skipChildren();
        }
      }
      JsonTelemetryParser.requireEnd(p);
      if (online == null) {
        throw new Rejection(RejectReason.WRONG_SHAPE, "status object needs \"online\": true|false");
      }
      Instant at = ts == null ? receivedAt : ts;
      time.checkPlausible(at, receivedAt);
      return new Decoded.Status(deviceId, online, at, reason);
    }
  }

  private static Boolean bool(JsonToken value) {
    return switch (value) {
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> null;
    };
  }

  private static Boolean word(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "online", "true", "1", "up", "connected" -> true;
      case "offline", "false", "0", "down", "disconnected", "lost" -> false;
      default -> null;
    };
  }

  private static String shorten(String reason) {
    return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
  }
}
