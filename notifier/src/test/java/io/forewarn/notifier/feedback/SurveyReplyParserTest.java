package io.forewarn.notifier.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.feedback.SurveyAnswer.Answered;
import io.forewarn.notifier.feedback.SurveyAnswer.NotAnAnswer;
import io.forewarn.notifier.feedback.SurveyAnswer.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SurveyReplyParserTest {
  private final SurveyReplyParser parser = new SurveyReplyParser();

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
      "5|5",
      " 4 |4",
      "5/5|5",
      "4 из 5|4",
      "3 out of 5|3",
      "5️⃣|5",
      "⭐⭐⭐⭐|4",
      "٥|5",
      "5 5|5"})
  void bare_scores_are_read_without_a_comment(String reply, int score) {
    // WHEN
    SurveyAnswer answer = parser.parse(SurveyKind.CSAT, reply);
    // THEN
    assertThat(answer).isEqualTo(new Answered(SurveyKind.CSAT, score, null));
  }

  @Test
  void score_with_words_keeps_the_whole_reply_as_comment() {
    assertThat(parser.parse(SurveyKind.CSAT, "4 thanks")).isEqualTo(new Answered(SurveyKind.CSAT, 4, "4 thanks"));
  }

  @Test
  void russian_text_with_a_digit_is_read() {
    // GIVEN a reply in Russian
    SurveyAnswer answer = parser.parse(SurveyKind.CSAT, "Оценка 5, спасибо за быструю помощь!");
    // THEN
    assertThat(answer).isEqualTo(new Answered(SurveyKind.CSAT, 5, "Оценка 5, спасибо за быструю помощь!"));
  }

  @ParameterizedTest(name = "[{index}] {0} \"{1}\" -> {2}")
  @CsvSource(delimiter = '|', value = {
      "CSAT|7|OUT_OF_RANGE",
      "CSAT|0|OUT_OF_RANGE",
      "CSAT|-1|OUT_OF_RANGE",
      "CSAT|99999999999999999999999|OUT_OF_RANGE",
      "CES|8|OUT_OF_RANGE",
      "CSAT|thanks, all good|NO_SCORE",
      "CSAT|спасибо|NO_SCORE",
      "CSAT|3 or 4|AMBIGUOUS",
      "CSAT|4.5|AMBIGUOUS",
      "CSAT|4,5|AMBIGUOUS",
      "NPS|9 out of 5|AMBIGUOUS"})
  void replies_that_are_not_a_score_say_why(SurveyKind kind, String reply, Reason reason) {
    // WHEN
    SurveyAnswer answer = parser.parse(kind, reply);
    // THEN
    assertThat(answer).isInstanceOf(NotAnAnswer.class);
    assertThat(((NotAnAnswer) answer).reason()).isEqualTo(reason);
    assertThat(((NotAnAnswer) answer).detail()).isNotBlank();
  }

  @Test
  void empty_reply_is_not_an_answer() {
    assertThat(((NotAnAnswer) parser.parse(SurveyKind.CSAT, "  ")).reason()).isEqualTo(Reason.EMPTY);
    assertThat(((NotAnAnswer) parser.parse(SurveyKind.CSAT, null)).reason()).isEqualTo(Reason.EMPTY);
  }

  @Test
  void nps_accepts_zero_and_ten() {
    assertThat(parser.parse(SurveyKind.NPS, "0")).isEqualTo(new Answered(SurveyKind.NPS, 0, null));
    assertThat(parser.parse(SurveyKind.NPS, "10!")).isEqualTo(new Answered(SurveyKind.NPS, 10, null));
  }
}
