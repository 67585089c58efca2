package io.forewarn.notifier.template;

/**
 * Counts SMS segments the way the network splits them (3GPP TS 23.038 alphabet). Splitting is
 * greedy and never cuts an escape sequence (a GSM-7 extension character) or a surrogate pair in
 * two, so a message can need one part more than {@code ceil(units / partLimit)} suggests.
 */
public final class SmsCounter {
  /** The GSM 03.38 default alphabet (one septet each), in table order. */
  private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  /** The extension table: each costs an escape septet plus its own. */
  private static final String EXTENSION = "\f^{}\\[~]|€";

  public SmsLength measure(String text) {
    if (text.isEmpty()) {
      return new SmsLength(SmsEncoding.GSM7, 0, 0);
    }
    return isGsm7(text) ? split(text, SmsEncoding.GSM7) : split(text, SmsEncoding.UCS2);
  }

  public static boolean isGsm7(String text) {
    return text.codePoints().allMatch(cp -> cp <= 0xFFFF
        && (BASIC.indexOf(cp) >= 0 || EXTENSION.indexOf(cp) >= 0));
  }

  private static SmsLength split(String text, SmsEncoding encoding) {
    int total = 0;
    int segments = 1;
    int inSegment = 0;
    for (int i = 0; i < text.length();) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int cost = cost(cp, encoding);
      total += cost;
      if (inSegment + cost > encoding.partLimit()) {
        segments++;
        inSegment = 0;
      }
      inSegment += cost;
    }
    return new SmsLength(encoding, total, total <= encoding.singleLimit() ? 1 : segments);
  }

  private static int cost(int cp, SmsEncoding encoding) {
    if (encoding == SmsEncoding.UCS2) {
      return Character.charCount(cp);
    }
    return EXTENSION.indexOf(cp) >= 0 ? 2 : 1;
  }
}
