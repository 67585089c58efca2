package io.forewarn.notifier.template;

import java.util.Map;

/**
 * Replaces typographic punctuation with its plain GSM-7 look-alike before an SMS is counted and
 * sent. One curly apostrophe pasted into an English template would otherwise switch the whole
 * message to UCS-2 and more than double its cost (the same idea as Twilio's "smart encoding").
 * Letters are never touched: a name written in Cyrillic stays Cyrillic.
 */
final class SmsPunctuation {
  private static final Map<Integer, String> PLAIN = Map.ofEntries(
      Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"), Map.entry(0x2032, "'"),
      Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""), Map.entry(0x00AB, "\""),
      Map.entry(0x00BB, "\""), Map.entry(0x2013, "-"), Map.entry(0x2014, "-"), Map.entry(0x2212, "-"),
      Map.entry(0x2026, "..."), Map.entry(0x00A0, " "), Map.entry(0x202F, " "), Map.entry(0x2009, " "));

  private SmsPunctuation() {}

  static String plain(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      String replacement = PLAIN.get(cp);
      if (replacement != null) {
        out.append(replacement);
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }
}
