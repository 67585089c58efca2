package io.forewarn.notifier.http;

import io.forewarn.notifier.channel.sms.InboundClassifier;
import io.forewarn.notifier.channel.sms.InboundIntent;
import io.forewarn.notifier.channel.sms.InboundSms;
import io.forewarn.notifier.channel.sms.StatusCallback;
import io.forewarn.notifier.delivery.Blocking;
import io.forewarn.notifier.feedback.SurveyAnswer;
import io.forewarn.notifier.feedback.SurveyReplyParser;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a verified Twilio callback means: opt-out/opt-in, a survey answer, or a delivery status. */
final class SmsInbox {
  private static final Logger LOG = LoggerFactory.getLogger(SmsInbox.class);

  private final InboundStore store;
  private final Blocking blocking;
  private final InboundClassifier classifier = new InboundClassifier(new SurveyReplyParser());

  SmsInbox(InboundStore store, Blocking blocking) {
    this.store = store;
    this.blocking = blocking;
  }

  Future<Void> status(Map<String, String> form) {
    StatusCallback cb = StatusCallback.parse(form);
    if (!cb.status().isFinal()) {
      return Future.succeededFuture();
    }
    Optional<String> failure = cb.failure().map(f -> f + (cb.errorCode() == null ? "" : " twilio:" + cb.errorCode()));
    return blocking.run(() -> {
      store.smsStatus(cb.messageSid(), failure.isEmpty(), failure.orElse(null));
      if (failure.isPresent() && failure.get().startsWith("RECIPIENT_OPTED_OUT") && cb.to() != null) {
        store.optOut(cb.to(), "twilio:" + cb.errorCode(), "provider");
      }
    });
  }

  Future<Void> inbound(Map<String, String> form) {
    InboundSms sms = InboundSms.parse(form);
    return blocking.run(() -> {
      var survey = store.openSurvey(sms.from());
      InboundIntent intent = classifier.classify(sms.body(), survey.map(InboundStore.OpenSurvey::kind).orElse(null));
      Optional<Long> id = store.inbound("twilio", sms.messageSid(), sms.from(), sms.body(),
          intent.getClass().getSimpleName());
      if (id.isEmpty()) {
        return; // a retried webhook: handled the first time
      }
      switch (intent) {
        case InboundIntent.OptOut o -> {
          store.optOut(sms.from(), o.keyword(), "inbound");
          LOG.info("[inbound: {}] opt-out ({})", sms.messageSid(), o.keyword());
        }
        case InboundIntent.OptIn o -> store.optIn(sms.from());
        case InboundIntent.SurveyReply r -> {
          if (r.answer() instanceof SurveyAnswer.Answered a) {
            store.surveyAnswer(survey.orElseThrow(), id.get(), a.score(), a.comment());
          }
        }
        case InboundIntent.Help h -> LOG.debug("[inbound: {}] help request", sms.messageSid());
        case InboundIntent.Other o -> LOG.info("[inbound: {}] free text kept for a person", sms.messageSid());
      }
    });
  }
}
