package io.forewarn.notifier.outreach;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer message that went out (accepted by the provider), as the planner needs to remember
 * it: which incident and step, when, and what we had promised at the time.
 *
 * @param fixEtaAtSend the ETA the message stated, or {@code null} if it stated none
 */
public record SentMessage(
    String incidentId, Transition transition, Channel channel, Instant sentAt,
    Instant fixEtaAtSend, Severity severityAtSend) {

  public SentMessage {
    Customer.requireText(incidentId, "incident id");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(severityAtSend, "severityAtSend");
  }
}
