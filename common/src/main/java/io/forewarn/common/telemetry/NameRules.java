package io.forewarn.common.telemetry;

/**
 * The character rules for device ids and metric names (docs/payloads.md), checked by hand rather
 * than by regular expression: they run for every metric of every message, and a compiled
 * {@code Pattern} cost ~3% of the gateway's CPU at 15 000 msg/s. {@code NameRulesTest} keeps them
 * equal to the documented expressions.
 */
final class NameRules {
  /** {@code [A-Za-z0-9][A-Za-z0-9_.:-]{0,63}}. */
  static final int DEVICE_ID_MAX = 64;
  /** {@code [A-Za-z_][A-Za-z0-9_.:/-]{0,62}}. */
  static final int METRIC_NAME_MAX = 63;

  private NameRules() {}

  static boolean isValidDeviceId(String s) {
    if (s == null || s.isEmpty() || s.length() > DEVICE_ID_MAX || !isAsciiAlnum(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAsciiAlnum(c) && c != '_' && c != '.' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }

  static boolean isValidMetricName(String s) {
    if (s == null || s.isEmpty() || s.length() > METRIC_NAME_MAX) {
      return false;
    }
    char first = s.charAt(0);
    if (!isAsciiLetter(first) && first != '_') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAsciiAlnum(c) && c != '_' && c != '.' && c != ':' && c != '/' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isAsciiAlnum(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
  }
}
