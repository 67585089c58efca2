package io.forewarn.rules.ruleset;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Reads typed fields of one JSON object and records each problem with its path instead of stopping. */
final class Fields {
  private final JsonObject json;
  private final String path;
  private final List<String> problems;
  private boolean bad;

  Fields(JsonObject json, String path, List<String> problems) {
    this.json = json;
    this.path = path;
    this.problems = problems;
  }

  JsonObject json() {
    return json;
  }

  boolean has(String key) {
    return json.getValue(key) != null;
  }

  boolean ok() {
    return !bad;
  }

  void problem(String message) {
    bad = true;
    problems.add(path + ": " + message);
  }

  String text(String key, String defaultValue) {
    Object v = json.getValue(key);
    if (v == null) {
      if (defaultValue == null) {
        problem("'" + key + "' is required");
      }
      return defaultValue;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      problem("'" + key + "' must be a non-empty string");
      return defaultValue;
    }
    return s;
  }

  double number(String key, Double defaultValue) {
    Object v = json.getValue(key);
    if (v == null) {
      if (defaultValue == null) {
        problem("'" + key + "' is required");
        return Double.NaN;
      }
      return defaultValue;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      problem("'" + key + "' must be a finite number, not " + v);
      return Double.NaN;
    }
    return n.doubleValue();
  }

  /** A whole number (devices, counts). */
  int count(String key, int defaultValue) {
    double v = number(key, (double) defaultValue);
    if (Double.isFinite(v) && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)) {
      problem("'" + key + "' must be a whole number, not " + v);
      return defaultValue;
    }
    return Double.isFinite(v) ? (int) v : defaultValue;
  }

  boolean flag(String key, boolean defaultValue) {
    Object v = json.getValue(key);
    if (v == null) {
      return defaultValue;
    }
    if (!(v instanceof Boolean b)) {
      problem("'" + key + "' must be true or false");
      return defaultValue;
    }
    return b;
  }

  /** ISO-8601 durations (PT15M, P2D): unambiguous and what java.time parses. */
  Duration duration(String key, Duration defaultValue) {
    String s = text(key, defaultValue == null ? null : defaultValue.toString());
    if (s == null) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(s);
      if (d.isNegative()) {
        problem("'" + key + "' must not be negative: " + s);
      }
      return d;
    } catch (DateTimeParseException e) {
      problem("'" + key + "' is not an ISO-8601 duration like PT15M or P2D: " + s);
      return Duration.ZERO;
    }
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
    String s = text(key, defaultValue == null ? null : defaultValue.name().toLowerCase(Locale.ROOT));
    if (s == null) {
      return defaultValue;
    }
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problem("'" + key + "' must be one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT)
          + ", not " + s);
      return defaultValue;
    }
  }
}
