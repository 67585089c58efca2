package io.forewarn.notifier.template;

import java.util.Locale;

/**
 * Which plural form a count takes. Russian (and its East Slavic neighbours) have three forms:
 * 1, 21, 101 → "час"; 2-4, 22-24 → "часа"; 0, 5-20, 25-30 → "часов". Other languages we ship use
 * the English two forms. Unit phrases list their forms in this order, separated by '|'.
 */
final class PluralRule {
  private PluralRule() {}

  static int formIndex(Locale language, long n) {
    long abs = Math.abs(n);
    return switch (language.getLanguage()) {
      case "ru", "uk", "be" -> {
        long mod10 = abs % 10;
        long mod100 = abs % 100;
        if (mod10 == 1 && mod100 != 11) {
          yield 0;
        }
        yield mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 1 : 2;
      }
      default -> abs == 1 ? 0 : 1;
    };
  }
}
