package io.forewarn.notifier.channel.sms;

import io.forewarn.notifier.feedback.SurveyAnswer;

/** What a customer's SMS means to us. */
public sealed interface InboundIntent {
  /** Stop all SMS to this number (record the opt-out for the SMS channel). */
  record OptOut(String keyword) implements InboundIntent {}

  /** Messages may resume. */
  record OptIn(String keyword) implements InboundIntent {}

  /** The customer asks what these messages are (Twilio answers HELP itself on long codes). */
  record Help(String keyword) implements InboundIntent {}

  /** A reply to an open feedback request: a score, or why it is not one. */
  record SurveyReply(SurveyAnswer answer) implements InboundIntent {}

  /** Anything else: hand it to a person. */
  record Other(String text) implements InboundIntent {}
}
