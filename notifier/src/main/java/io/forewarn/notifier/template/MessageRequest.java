package io.forewarn.notifier.template;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Transition;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * One message to render: the notice, which template step and channel, and for whom (language
 * and time zone: the customer's for customer messages, the operations team's for tickets).
 */
public record MessageRequest(
    IncidentNotice notice, Transition template, Channel channel, Locale language, ZoneId zone,
    String gestureKey, SurveyKind survey) {

  public MessageRequest {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(zone, "zone");
  }

  /** The customer message a plan scheduled, on {@code channel}, in the customer's language and zone. */
  public static MessageRequest forCustomer(IncidentNotice notice, Scheduled plan, Channel channel) {
    return new MessageRequest(notice, plan.template(), channel, notice.customer().language(),
        notice.customer().timeZone(), plan.gestureKey(), plan.survey());
  }

  /** The operations ticket text for {@code template}, in the operations team's language and zone. */
  public static MessageRequest forTicket(IncidentNotice notice, Transition template, Locale language, ZoneId zone) {
    return new MessageRequest(notice, template, Channel.TICKET, language, zone, null, null);
  }
}
