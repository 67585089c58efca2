package io.forewarn.notifier.channel.sms;

import static io.forewarn.notifier.channel.sms.MessageStatus.DELIVERED;
import static io.forewarn.notifier.channel.sms.MessageStatus.FAILED;
import static io.forewarn.notifier.channel.sms.MessageStatus.QUEUED;
import static io.forewarn.notifier.channel.sms.MessageStatus.READ;
import static io.forewarn.notifier.channel.sms.MessageStatus.SENDING;
import static io.forewarn.notifier.channel.sms.MessageStatus.SENT;
import static io.forewarn.notifier.channel.sms.MessageStatus.UNDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.feedback.SurveyAnswer;
import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.feedback.SurveyReplyParser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Status callbacks, inbound messages and keywords. */
class TwilioCallbacksTest {
  private final InboundClassifier classifier = new InboundClassifier(new SurveyReplyParser());

  @Test
  void status_moves_forward_only() {
    assertThat(MessageStatus.advance(null, QUEUED)).isEqualTo(QUEUED);
    assertThat(MessageStatus.advance(QUEUED, SENT)).isEqualTo(SENT);
    // a late "sending" after "sent" is ignored
    assertThat(MessageStatus.advance(SENT, SENDING)).isEqualTo(SENT);
    // skipping steps is fine
    assertThat(MessageStatus.advance(QUEUED, DELIVERED)).isEqualTo(DELIVERED);
  }

  @Test
  void final_status_never_changes_except_delivered_to_read() {
    assertThat(MessageStatus.advance(DELIVERED, SENT)).isEqualTo(DELIVERED);
    assertThat(MessageStatus.advance(DELIVERED, UNDELIVERED)).isEqualTo(DELIVERED);
    assertThat(MessageStatus.advance(FAILED, DELIVERED)).isEqualTo(FAILED);
    assertThat(MessageStatus.advance(DELIVERED, READ)).isEqualTo(READ);
    assertThat(MessageStatus.advance(READ, DELIVERED)).isEqualTo(READ);
  }

  @Test
  void status_callback_is_parsed_with_its_error_code() {
    // GIVEN Twilio's form fields for an undelivered message to a landline
    StatusCallback callback = StatusCallback
        .parse(Map.of("MessageSid", "SM1", "AccountSid", "AC1", "From", "+15005550006",
            "To", "+447700900123", "MessageStatus", "undelivered", "ErrorCode", "30006"));
    // THEN
    assertThat(callback.status()).isEqualTo(UNDELIVERED);
    assertThat(callback.errorCode()).isEqualTo(30006);
    assertThat(callback.failure()).contains(FailureCode.UNDELIVERABLE_DESTINATION);
  }

  @Test
  void delivered_callback_has_no_failure_and_bad_callbacks_are_refused() {
    StatusCallback ok = StatusCallback
        .parse(Map.of("MessageSid", "SM1", "AccountSid", "AC1", "MessageStatus", "delivered"));
    assertThat(ok.failure()).isEmpty();
    assertThatThrownBy(
        () -> StatusCallback.parse(Map.of("MessageSid", "SM1", "AccountSid", "AC1", "MessageStatus", "teleported")))
        .hasMessageContaining("unknown MessageStatus 'teleported'");
    assertThatThrownBy(() -> StatusCallback.parse(Map.of("AccountSid", "AC1", "MessageStatus", "sent")))
        .hasMessageContaining("missing MessageSid");
  }

  @Test
  void inbound_message_is_parsed() {
    InboundSms sms = InboundSms.parse(Map.of("SmsSid", "SM9", "MessageSid", "SM9", "AccountSid", "AC1",
        "MessagingServiceSid", "MG1", "From", "+447700900123", "To", "+15005550006", "Body", "4 thanks",
        "NumMedia", "0", "NumSegments", "1"));
    assertThat(sms).isEqualTo(new InboundSms("SM9", "AC1", "MG1", "+447700900123", "+15005550006", "4 thanks", 0, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"STOP", "stop", " Stop. ", "STOPALL", "unsubscribe", "CANCEL", "End", "QUIT", "стоп"})
  void opt_out_keywords_are_recognised(String body) {
    assertThat(classifier.classify(body, SurveyKind.CSAT)).isInstanceOf(InboundIntent.OptOut.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "yes", "Unstop"})
  void opt_in_keywords_are_recognised(String body) {
    assertThat(classifier.classify(body, null)).isInstanceOf(InboundIntent.OptIn.class);
  }

  @Test
  void keywords_must_be_the_whole_message() {
    // GIVEN a sentence containing STOP
    InboundIntent intent = classifier.classify("please don't stop the updates", null);
    // THEN it is not an opt-out
    assertThat(intent).isEqualTo(new InboundIntent.Other("please don't stop the updates"));
    assertThat(classifier.classify("HELP", null)).isEqualTo(new InboundIntent.Help("HELP"));
    assertThat(classifier.classify("info", null)).isEqualTo(new InboundIntent.Help("INFO"));
  }

  @Test
  void reply_to_an_open_survey_is_read_as_a_score() {
    assertThat(classifier.classify("5", SurveyKind.CSAT))
        .isEqualTo(new InboundIntent.SurveyReply(new SurveyAnswer.Answered(SurveyKind.CSAT, 5, null)));
    InboundIntent outOfRange = classifier.classify("9", SurveyKind.CSAT);
    assertThat(((InboundIntent.SurveyReply) outOfRange).answer()).isInstanceOf(SurveyAnswer.NotAnAnswer.class);
    assertThat(classifier.classify("5", null)).isEqualTo(new InboundIntent.Other("5"));
  }
}
