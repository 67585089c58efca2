package io.forewarn.notifier.feedback;

import java.util.Objects;

/** The outcome of reading a customer's reply to a feedback request. */
public sealed interface SurveyAnswer {

  /**
   * A score to store.
   *
   * @param comment the whole reply when it says more than the score (e.g. "4 thanks"), else null
   */
  record Answered(SurveyKind kind, int score, String comment) implements SurveyAnswer {
    public Answered {
      Objects.requireNonNull(kind, "kind");
      if (!kind.inRange(score)) {
        throw new IllegalArgumentException(score + " is outside the " + kind + " scale");
      }
    }
  }

  /** The reply cannot be stored as a score; {@code detail} says why in words an operator reads. */
  record NotAnAnswer(Reason reason, String detail) implements SurveyAnswer {
    public NotAnAnswer {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  enum Reason {
    /** Nothing but whitespace. */
    EMPTY,
    /** Words without any score, e.g. "thanks" (may still be worth a human look). */
    NO_SCORE,
    /** A number outside the scale, e.g. 7 for a 1-5 question. */
    OUT_OF_RANGE,
    /** Several different numbers or a fraction: we will not guess which one was meant. */
    AMBIGUOUS
  }
}
