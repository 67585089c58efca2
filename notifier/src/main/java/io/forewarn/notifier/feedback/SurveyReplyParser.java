package io.forewarn.notifier.feedback;

import io.forewarn.notifier.feedback.SurveyAnswer.Answered;
import io.forewarn.notifier.feedback.SurveyAnswer.NotAnAnswer;
import io.forewarn.notifier.feedback.SurveyAnswer.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a free-text reply ("5", "4 thanks", "Оценка 5, спасибо!", "5/5", "⭐⭐⭐⭐") into a score.
 *
 * <p>Rules, in order: blank is {@link Reason#EMPTY}; a reply made only of stars counts the stars;
 * "N/MAX", "N of MAX", "N out of MAX", "N из MAX" (MAX being the scale's top) mean N; otherwise
 * the reply must hold exactly one whole number (any script's digits; repeats of the same number
 * are fine). Fractions ("4.5") and several different numbers are {@link Reason#AMBIGUOUS}: a
 * wrong score is worse than none. Number words ("five") are not read, because words such as
 * "one" occur in ordinary replies. Opt-out keywords are handled before this parser is called.
 */
public final class SurveyReplyParser {
  private static final Pattern STARS_ONLY = Pattern.compile("[\\s\\x{2605}\\x{2B50}\\x{FE0F}]+");
  private static final Pattern STAR = Pattern.compile("[\\x{2605}\\x{2B50}]");
  private static final Pattern OUT_OF = Pattern
      .compile("(?iU)(\\p{Nd}+)\\s*(?:/|\\bout\\s+of\\b|\\bof\\b|\\bиз\\b)\\s*(\\p{Nd}+)");
  private static final Pattern FRACTION = Pattern.compile("\\p{Nd}[.,]\\p{Nd}");
  private static final Pattern NUMBER = Pattern.compile("(?<![\\p{Nd}])(-?)(\\p{Nd}+)");
  private static final Pattern ONLY_NOISE = Pattern.compile("[\\s\\p{P}\\p{S}\\x{FE0F}\\x{20E3}]*");

  public SurveyAnswer parse(SurveyKind kind, String reply) {
    String text = reply == null ? "" : reply.strip();
    if (text.isEmpty()) {
      return new NotAnAnswer(Reason.EMPTY, "the reply is empty");
    }
    if (STARS_ONLY.matcher(text).matches()) {
      return scored(kind, STAR.matcher(text).results().count(), text, text);
    }
    String rest = text;
    List<Long> numbers = new ArrayList<>();
    Matcher outOf = OUT_OF.matcher(text);
    StringBuilder withoutOutOf = new StringBuilder();
    while (outOf.find()) {
      Long top = toNumber(outOf.group(2), false);
      if (top != null && top == kind.max()) {
        numbers.add(toNumber(outOf.group(1), false));
        outOf.appendReplacement(withoutOutOf, " ");
      }
    }
    outOf.appendTail(withoutOutOf);
    rest = withoutOutOf.toString();
    if (FRACTION.matcher(rest).find()) {
      return new NotAnAnswer(Reason.AMBIGUOUS, "the reply holds a fraction: " + text);
    }
    Matcher number = NUMBER.matcher(rest);
    while (number.find()) {
      numbers.add(toNumber(number.group(2), !number.group(1).isEmpty()));
    }
    List<Long> distinct = numbers.stream().distinct().toList();
    if (distinct.isEmpty()) {
      return new NotAnAnswer(Reason.NO_SCORE, "no number in the reply: " + text);
    }
    if (distinct.size() > 1) {
      return new NotAnAnswer(Reason.AMBIGUOUS, "several numbers " + distinct + " in the reply: " + text);
    }
    return scored(kind, distinct.get(0), text, number.replaceAll(""));
  }

  private static SurveyAnswer scored(SurveyKind kind, Long score, String text, String remainder) {
    if (score == null || !kind.inRange(score)) {
      return new NotAnAnswer(Reason.OUT_OF_RANGE, (score == null ? "a huge number" : score)
          + " is outside " + kind.min() + "-" + kind.max() + ": " + text);
    }
    String comment = ONLY_NOISE.matcher(remainder).matches() ? null : text;
    return new Answered(kind, score.intValue(), comment);
  }

  /** Digits of any script to a value; {@code null} when it does not fit a long. */
  private static Long toNumber(String digits, boolean negative) {
    long value = 0;
    for (int i = 0; i < digits.length();) {
      int cp = digits.codePointAt(i);
      i += Character.charCount(cp);
      if (value > (Long.MAX_VALUE - 9) / 10) {
        return null;
      }
      value = value * 10 + Character.digit(cp, 10);
    }
    return negative ? -value : value;
  }
}
