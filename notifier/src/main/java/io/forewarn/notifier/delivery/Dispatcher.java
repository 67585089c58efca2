package io.forewarn.notifier.delivery;

import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.compose.Composition;
import io.forewarn.notifier.compose.OutreachComposer;
import io.forewarn.notifier.metrics.NotifierMetrics;
import io.forewarn.notifier.metrics.NotifierMetrics.Outcome;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.CustomerOutreach;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.OutreachPlanner;
import io.forewarn.notifier.outreach.TicketStep;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one claimed delivery and decides what its result means: sent; retry later (backoff,
 * Retry-After, quiet hours); in doubt (an SMS that may have gone out stays 'sending' until it is
 * reconciled); permanent (record an opt-out, fall back to the next channel, else 'failed').
 * Runs on the event loop; returns the outcome's writes for the loop to commit with the round.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Channels channels;
  private final OutreachComposer composer;
  private final OutreachPlanner planner;
  private final DeliveryResults results;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Clock clock;
  private final NotifierMetrics metrics;

  public Dispatcher(Channels channels, OutreachComposer composer, OutreachPlanner planner, DeliveryResults results,
      Backoff backoff, int maxAttempts, Clock clock, NotifierMetrics metrics) {
    this.channels = channels;
    this.composer = composer;
    this.planner = planner;
    this.results = results;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
    this.metrics = metrics;
  }

  public Future<DeliveryResults.Write> dispatch(ClaimedDelivery d) {
    Instant started = clock.instant();
    IncidentNotice notice;
    try {
      notice = d.notice();
    } catch (IllegalArgumentException | NullPointerException e) {
      return finishFailed(d, started, "cannot build the notice: " + e.getMessage());
    }
    if (d.channel() == Channel.SMS && d.smsOptedOut()) {
      // STOP arrived after planning: never write again; the next channel may still be used.
      return permanent(d, notice, started, new DeliveryResult.Permanent(FailureCode.RECIPIENT_OPTED_OUT,
          "forewarn:sms-opt-out", "the number replied STOP"), "skipped");
    }
    Future<DeliveryResult> sending = switch (d.channel()) {
      case SMS -> compose(composer.sms(notice, d.scheduled()), m -> channels.sms().send(m));
      case EMAIL -> compose(composer.email(notice, d.scheduled()), m -> channels.email().send(m));
      case TICKET -> compose(composer.ticket(notice, ticketStep(d), d.ticketId()), m -> channels.ticket().send(m));
    };
    return sending.compose(result -> handle(d, notice, started, result));
  }

  private <M> Future<DeliveryResult> compose(Composition<M> composition,
      java.util.function.Function<M, Future<DeliveryResult>> send) {
    return switch (composition) {
      case Composition.Ready<M> ready -> send.apply(ready.message());
      case Composition.Failed<M> failed -> Future.succeededFuture(
          new DeliveryResult.Permanent(FailureCode.REJECTED, "forewarn:compose", failed.reason()));
    };
  }

  private Future<DeliveryResults.Write> handle(ClaimedDelivery d, IncidentNotice notice, Instant started,
      DeliveryResult result) {
    Duration took = Duration.between(started, clock.instant());
    return switch (result) {
      case DeliveryResult.Sent sent -> {
        metrics.attempt(d.channelName(), Outcome.SENT, took);
        AttemptRecord a = new AttemptRecord(d.id(), d.attempts(), started, took, "sent", null, null, sent.providerId());
        yield Future.succeededFuture(results.sent(d, a, sent.providerId(), channels.ticket() == null ? null
            : channels.ticket().name()));
      }
      case DeliveryResult.RetryLater retry -> retry(d, notice, started, took, retry);
      case DeliveryResult.Permanent p -> permanent(d, notice, started, p, "permanent");
    };
  }

  private Future<DeliveryResults.Write> retry(ClaimedDelivery d, IncidentNotice notice, Instant started, Duration took,
      DeliveryResult.RetryLater retry) {
    AttemptRecord a = new AttemptRecord(d.id(), d.attempts(), started, took, "retry", null, null, retry.reason());
    if (retry.possiblyDelivered() && d.channel() != Channel.TICKET) {
      // No idempotency on create (Twilio, SMTP): a resend could duplicate. Leave it 'sending'
      // and let the recovery rule reconcile it once the lease runs out.
      metrics.attempt(d.channelName(), Outcome.UNKNOWN, took);
      LOG.warn("[delivery: {}] {} may have gone out ({}); reconciling before any resend", d.id(), d.channel(),
          retry.reason());
      return Future.succeededFuture(results.inDoubt(d.id(), a, "in doubt: " + retry.reason()));
    }
    if (d.attempts() >= maxAttempts) {
      metrics.attempt(d.channelName(), Outcome.FAILED, took);
      LOG.error("[delivery: {}] giving up after {} attempts: {}", d.id(), d.attempts(), retry.reason());
      return Future.succeededFuture(results.finish(d, a, "failed", "gave up after " + d.attempts() + " attempts: "
          + retry.reason(), null, null, null));
    }
    metrics.attempt(d.channelName(), Outcome.RETRY, took);
    Instant at = clock.instant().plus(backoff.delay(d.attempts(), retry.after()));
    if (d.channel().reachesCustomer()) {
      at = planner.retryTime(notice, d.scheduled(), at);
    }
    Instant when = at;
    return Future.succeededFuture(results.retry(d.id(), a, when, retry.reason()));
  }

  private Future<DeliveryResults.Write> permanent(ClaimedDelivery d, IncidentNotice notice, Instant started,
      DeliveryResult.Permanent p, String outcome) {
    Duration took = Duration.between(started, clock.instant());
    metrics.attempt(d.channelName(), "skipped".equals(outcome) ? Outcome.SKIPPED : Outcome.PERMANENT, took);
    AttemptRecord a = new AttemptRecord(d.id(), d.attempts(), started, took, outcome, null, p.providerCode(),
        p.code() + ": " + p.detail());
    String optOut = p.code() == FailureCode.RECIPIENT_OPTED_OUT && d.channel() == Channel.SMS && d.customer() != null
        ? d.customer().phone() : null;
    CustomerOutreach.Scheduled next = null;
    if (d.channel().reachesCustomer()) {
      CustomerOutreach after = planner.afterPermanentFailure(notice, d.scheduled(), d.channel());
      next = after instanceof CustomerOutreach.Scheduled s ? s : null;
    }
    CustomerOutreach.Scheduled fallback = next;
    LOG.info("[delivery: {}] {} failed for good ({} {}){}", d.id(), d.channel(), p.code(), p.providerCode(),
        fallback == null ? "" : "; falling back to " + fallback.channel());
    return Future.succeededFuture(results.finish(d, a, "failed", p.code() + " " + p.providerCode() + ": " + p.detail(),
        optOut, p.providerCode(), fallback));
  }

  private Future<DeliveryResults.Write> finishFailed(ClaimedDelivery d, Instant started, String reason) {
    LOG.error("[delivery: {}] {}", d.id(), reason);
    AttemptRecord a = new AttemptRecord(d.id(), d.attempts(), started, Duration.ZERO, "permanent", null,
        "forewarn:payload", reason);
    return Future.succeededFuture(results.finish(d, a, "failed", reason, null, null, null));
  }

  private static TicketStep ticketStep(ClaimedDelivery d) {
    TicketStep.Action action = switch (d.template()) {
      case OPENED -> TicketStep.Action.OPEN;
      case UPDATED -> TicketStep.Action.COMMENT;
      case RESOLVED -> TicketStep.Action.SOLVE;
    };
    return new TicketStep(action, d.deliveryKey());
  }
}
