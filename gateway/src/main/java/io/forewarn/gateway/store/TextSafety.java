package io.forewarn.gateway.store;

/** PostgreSQL text cannot hold U+0000; hostile payloads put it in names and details. */
final class TextSafety {
  private static final int MAX_TEXT = 2_000;

  private TextSafety() {}

  static String clean(String text) {
    if (text == null) {
      return null;
    }
    String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    return cut.indexOf('\0') < 0 ? cut : cut.replace('\0', '?');
  }
}
