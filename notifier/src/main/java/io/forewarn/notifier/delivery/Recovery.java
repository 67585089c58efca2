package io.forewarn.notifier.delivery;

import io.forewarn.notifier.channel.sms.TwilioMessageLookup.Lookup;
import io.forewarn.notifier.outreach.Channel;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-recovery rule for a delivery found in 'sending' after its lease (its instance died
 * between claiming and recording, or the send ended in doubt). See docs/notifier.md:
 * <ul>
 *   <li>ticket (Zendesk): send again; the create carries the same Idempotency-Key, so a replay
 *       returns the ticket that may already exist;</li>
 *   <li>SMS (Twilio, no create idempotency): list the account's messages to the number since the
 *       claim; found: 'sent' with that sid; Twilio says none: send again; cannot tell: 'unknown',
 *       never resent automatically;</li>
 *   <li>email (SMTP cannot be asked): 'unknown', never resent automatically.</li>
 * </ul>
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private final Channels channels;
  private final DeliveryResults results;
  private final Clock clock;

  public Recovery(Channels channels, DeliveryResults results, Clock clock) {
    this.channels = channels;
    this.results = results;
    this.clock = clock;
  }

  public Future<DeliveryResults.Write> recover(ClaimedDelivery d, Set<String> knownSids) {
    Instant now = clock.instant();
    Instant since = d.sendingSince() == null ? now : d.sendingSince();
    LOG.warn("[delivery: {}] found in 'sending' since {}; recovering ({})", d.id(), since, d.channel());
    return switch (d.channel()) {
      case TICKET ->
        Future.succeededFuture(results.retry(d.id(), record(d, now, "reconciled", "replay: idempotent create"),
            now, "recovered after an interrupted send; replayed with the same Idempotency-Key"));
      case EMAIL -> unknown(d, now, "SMTP cannot tell whether the interrupted send went out");
      case SMS -> {
        if (channels.smsLookup() == null || d.customer() == null || d.customer().phone() == null) {
          yield unknown(d, now, "no way to ask Twilio about the interrupted send");
        }
        yield channels.smsLookup().find(d.customer().phone(), since, knownSids).compose(lookup -> switch (lookup) {
          case Lookup.Found found -> Future.succeededFuture(results.sent(d,
              record(d, now, "reconciled", "Twilio has " + found.sid()), found.sid(), null));
          case Lookup.NotFound none -> Future.succeededFuture(results.retry(d.id(),
              record(d, now, "reconciled", "Twilio has no such message"), now,
              "recovered: Twilio has no message to the number since the claim; sending again"));
          case Lookup.Unavailable u -> unknown(d, now, "Twilio lookup failed: " + u.reason());
        });
      }
    };
  }

  private Future<DeliveryResults.Write> unknown(ClaimedDelivery d, Instant now, String why) {
    LOG.error("[delivery: {}] outcome unknown, not resending: {}; an operator must check", d.id(), why);
    return Future.succeededFuture(results.finish(d, record(d, now, "unknown", why), "unknown", why, null, null, null));
  }

  private static AttemptRecord record(ClaimedDelivery d, Instant now, String outcome, String detail) {
    return new AttemptRecord(d.id(), d.attempts(), now, Duration.ZERO, outcome, null, null, detail);
  }

  static boolean needsSids(ClaimedDelivery d) {
    return d.channel() == Channel.SMS;
  }
}
