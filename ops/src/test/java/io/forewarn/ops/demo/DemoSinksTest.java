package io.forewarn.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSinksTest {
  @Test
  void readsTheAnswerScaleOfEnglishAndRussianSurveyQuestions() {
    // The notifier's phrase book (templates/phrases.{en,ru}.properties).
    assertThat(DemoSinks.surveyScale("Fixed. How did we do? Reply with a number from 1 (poor) to 5 (excellent)."))
        .containsExactly(1, 5);
    assertThat(DemoSinks.surveyScale("Как мы справились? Ответьте цифрой от 1 (плохо) до 5 (отлично)."))
        .containsExactly(1, 5);
    assertThat(
        DemoSinks.surveyScale("How likely are you to recommend us to a friend? Reply with a number from 0 to 10."))
        .containsExactly(0, 10);
    assertThat(DemoSinks.surveyScale("Your boiler pressure is low; an engineer will call you.")).isNull();
  }

  @Test
  void signsCallbacksAsTwilioDoes() {
    // GIVEN the value the notifier's TwilioSignatureValidator accepted for these inputs (checked
    // once against its jar); WHEN signed again THEN the same, whatever the parameter order
    var params = Map.of("MessageSid", "SM1", "AccountSid", "AC0", "MessageStatus", "delivered", "To", "+447700900123",
        "From", "+15005550006");
    assertThat(DemoSinks.twilioSignature("demo-auth-token", "http://127.0.0.1:8083/twilio/status", params))
        .isEqualTo("4jta8xeJELfzH+iBRgqy4kvub9E=");
  }
}
