package io.forewarn.notifier.channel.sms;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.feedback.SurveyReplyParser;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an incoming SMS. Keywords are Twilio's defaults for long codes and toll-free numbers
 * and must be the whole message (case and surrounding spaces or a trailing "." / "!" ignored):
 * opt-out STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT; opt-in START, YES, UNSTOP; help HELP,
 * INFO. We also honour the Russian СТОП: Twilio does not block on it, so our own opt-out record
 * is what keeps us from writing again. Keywords win over survey replies ("STOP" is never a score).
 */
public final class InboundClassifier {
  private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "СТОП");
  private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
  private static final Set<String> HELP = Set.of("HELP", "INFO");

  private final SurveyReplyParser surveyParser;

  public InboundClassifier(SurveyReplyParser surveyParser) {
    this.surveyParser = surveyParser;
  }

  /**
   * @param openSurvey the feedback question this customer was last asked and has not answered,
   *     or {@code null} if none is open
   */
  public InboundIntent classify(String body, SurveyKind openSurvey) {
    String word = body == null ? "" : body.strip().replaceAll("[.!]+$", "").toUpperCase(Locale.ROOT);
    if (OPT_OUT.contains(word)) {
      return new InboundIntent.OptOut(word);
    }
    if (OPT_IN.contains(word)) {
      return new InboundIntent.OptIn(word);
    }
    if (HELP.contains(word)) {
      return new InboundIntent.Help(word);
    }
    if (openSurvey != null) {
      return new InboundIntent.SurveyReply(surveyParser.parse(openSurvey, body));
    }
    return new InboundIntent.Other(body == null ? "" : body);
  }
}
