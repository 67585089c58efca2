package io.forewarn.notifier.feedback;

import java.util.Locale;

/** Which feedback question we ask after a fix, and the scale of its answer. */
public enum SurveyKind {
  /** Customer satisfaction: "How did we do?" 1 (poor) to 5 (excellent). */
  CSAT(1, 5),
  /** Customer effort: "How easy was it for you?" 1 (very hard) to 7 (very easy). */
  CES(1, 7),
  /** Net promoter: "How likely are you to recommend us?" 0 to 10. */
  NPS(0, 10);

  private final int min;
  private final int max;

  SurveyKind(int min, int max) {
    this.min = min;
    this.max = max;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public boolean inRange(long score) {
    return score >= min && score <= max;
  }

  /** The phrase-book key of the question, e.g. {@code survey.csat}. */
  public String phraseKey() {
    return "survey." + name().toLowerCase(Locale.ROOT);
  }
}
