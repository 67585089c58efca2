package io.forewarn.notifier.delivery;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.SendTiming;
import io.forewarn.notifier.outreach.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A delivery this instance marked 'sending' (committed), with everything needed to compose it.
 *
 * @param customer the addressee; for a ticket the incident's customer, or {@code null}
 * @param smsOptedOut the customer's number sent STOP (checked again right before sending)
 * @param ticketId the incident's helpdesk ticket, if one was opened
 * @param sendingSince when the current send began ({@code send_started_at}); a takeover by the
 *     recovery rule keeps it, so reconciliation looks back far enough
 */
public record ClaimedDelivery(long id, long incidentId, Long customerId, Channel channel, String kind,
    String deliveryKey,
    Transition template, List<Channel> fallbacks, String gestureKey, String surveyKind, int attempts,
    Instant scheduledFor, Instant sendingSince, IncidentPayload payload, Customer customer, boolean smsOptedOut,
    String ticketId) {

  public ClaimedDelivery {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(payload, "payload");
    fallbacks = List.copyOf(fallbacks);
  }

  public IncidentNotice notice() {
    return NoticeFactory.build(payload, customer == null ? CustomerRows.operations() : customer);
  }

  /** The plan step again, as the planner made it: this channel first, then the fallbacks. */
  public Scheduled scheduled() {
    List<Channel> channels = new ArrayList<>();
    channels.add(channel);
    channels.addAll(fallbacks);
    return new Scheduled(deliveryKey, template, channels, scheduledFor, SendTiming.IMMEDIATE, gestureKey,
        surveyKind == null ? null : SurveyKind.valueOf(surveyKind.toUpperCase(Locale.ROOT)));
  }

  public String channelName() {
    return channel.templateName();
  }
}
