package io.forewarn.notifier.delivery;

import io.forewarn.notifier.channel.Connector;
import io.forewarn.notifier.channel.TokenBucket;
import io.forewarn.notifier.channel.email.EmailMessage;
import io.forewarn.notifier.channel.sms.SmsMessage;
import io.forewarn.notifier.channel.sms.TwilioMessageLookup;
import io.forewarn.notifier.channel.ticket.TicketMessage;
import io.forewarn.notifier.outreach.Channel;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The connectors this instance sends through, each with its token bucket. Any may be absent;
 * the planner is only offered channels that are present.
 *
 * @param smsLookup how to reconcile an SMS in doubt, or {@code null} (then such SMS become 'unknown')
 */
public record Channels(Connector<SmsMessage> sms, Connector<EmailMessage> email, Connector<TicketMessage> ticket,
    TwilioMessageLookup smsLookup, Map<Channel, TokenBucket> buckets) {

  public Channels {
    buckets = buckets.isEmpty() ? Map.of() : new EnumMap<>(buckets);
    for (Channel c : Channel.values()) {
      if (present(c, sms, email, ticket) && !buckets.containsKey(c)) {
        throw new IllegalArgumentException("no token bucket for " + c);
      }
    }
  }

  public Set<Channel> configured() {
    Set<Channel> out = EnumSet.noneOf(Channel.class);
    for (Channel c : Channel.values()) {
      if (present(c, sms, email, ticket)) {
        out.add(c);
      }
    }
    return out;
  }

  public Set<Channel> customerChannels() {
    Set<Channel> out = configured();
    out.remove(Channel.TICKET);
    return out;
  }

  public TokenBucket bucket(Channel channel) {
    return buckets.get(channel);
  }

  private static boolean present(Channel c, Object sms, Object email, Object ticket) {
    return switch (c) {
      case SMS -> sms != null;
      case EMAIL -> email != null;
      case TICKET -> ticket != null;
    };
  }
}
