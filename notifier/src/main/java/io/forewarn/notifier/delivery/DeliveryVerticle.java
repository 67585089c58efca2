package io.forewarn.notifier.delivery;

import io.forewarn.notifier.channel.TokenBucket;
import io.forewarn.notifier.outreach.Channel;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop: per channel, take as many tokens as the bucket has (up to a batch), claim
 * that many due deliveries (SKIP LOCKED, so instances share the work), send them, record the
 * outcomes, and go again at once if the batch was full. A second timer runs the recovery rule
 * over deliveries left in 'sending' past their lease.
 *
 * <p>Rendering and the provider calls run on the verticle's event loop, so one instance uses at
 * most one core: the service deploys several, each with a share of the loops, and only one of
 * them does the housekeeping (recovery, queue gauges).
 */
public final class DeliveryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryVerticle.class);

  private static final long STATS_PERIOD_MS = 5_000;
  /**
   * A loop that ran the bucket dry waits for this much refill before it claims again. Claiming
   * each token as it trickles in cost one claim and one outcome transaction per message, which
   * is what held the broadcast under its configured rate; one chunk per tick keeps the rate and
   * makes the round trips per tick, not per message.
   */
  static final Duration PACING_TICK = Duration.ofMillis(100);

  private final DeliveryStore store;
  private final Dispatcher dispatcher;
  private final Recovery recovery;
  private final DeliveryResults results;
  private final Channels channels;
  private final DeliveryConfig config;
  private final Blocking blocking;
  private final QueueStats stats;
  private final int senders;
  private final boolean housekeeping;
  private volatile boolean stopped;

  public DeliveryVerticle(DeliveryStore store, Dispatcher dispatcher, Recovery recovery, DeliveryResults results,
      Channels channels,
      DeliveryConfig config, Blocking blocking, QueueStats stats) {
    this(store, dispatcher, recovery, results, channels, config, blocking, stats, config.senders(), true);
  }

  /**
   * @param senders claim-and-send loops per channel in this instance
   * @param housekeeping whether this instance runs the recovery rule and refreshes the gauges
   */
  public DeliveryVerticle(DeliveryStore store, Dispatcher dispatcher, Recovery recovery, DeliveryResults results,
      Channels channels, DeliveryConfig config, Blocking blocking, QueueStats stats, int senders,
      boolean housekeeping) {
    if (senders < 1) {
      throw new IllegalArgumentException("at least one sender loop, was " + senders);
    }
    this.senders = senders;
    this.housekeeping = housekeeping;
    this.store = store;
    this.dispatcher = dispatcher;
    this.recovery = recovery;
    this.results = results;
    this.channels = channels;
    this.config = config;
    this.blocking = blocking;
    this.stats = stats;
  }

  @Override
  public Future<?> start() {
    for (Channel channel : channels.configured()) {
      for (int i = 0; i < senders; i++) {
        vertx.runOnContext(v -> pump(channel));
      }
    }
    if (housekeeping) {
      vertx.runOnContext(v -> recover());
      vertx.setPeriodic(STATS_PERIOD_MS, t -> blocking.run(stats::refresh)
          .onFailure(e -> LOG.debug("queue gauges not refreshed: {}", e.toString())));
    }
    LOG.info("delivery loop started for {} as {} ({} loops per channel{})", channels.configured(),
        config.instanceId(), senders, housekeeping ? ", recovery" : "");
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return Future.succeededFuture();
  }

  private void pump(Channel channel) {
    if (stopped) {
      return;
    }
    TokenBucket bucket = channels.bucket(channel);
    int chunk = Math.min(config.deliveryBatch(), bucket.perTick(PACING_TICK));
    int tokens = bucket.tryAcquire(config.deliveryBatch(), chunk);
    if (tokens == 0) {
      long wait = Math.max(1, Math.min(bucket.timeUntilAvailable(chunk).toMillis(), config.pollInterval().toMillis()));
      vertx.setTimer(wait, t -> pump(channel));
      return;
    }
    blocking.call(() -> store.claimDue(channel, tokens))
        .compose(claim -> {
          bucket.release(tokens - claim.deliveries().size());
          List<Future<DeliveryResults.Write>> sends = new ArrayList<>();
          for (DeliveryStore.Unreadable bad : claim.unreadable()) {
            LOG.error("[delivery: {}] unreadable, failing it: {}", bad.id(), bad.reason());
          }
          claim.deliveries().forEach(d -> sends.add(dispatcher.dispatch(d).recover(e -> {
            LOG.error("[delivery: {}] sending failed unexpectedly; the lease will recover it", d.id(), e);
            return Future.succeededFuture();
          })));
          // One transaction for the round's outcomes; if it fails they stay 'sending' for recovery.
          return Future.join(sends).compose(x -> blocking.run(() -> results.commit(written(sends))))
              .map(claim.deliveries().size());
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("claiming {} deliveries failed: {}", channel, ar.cause().toString());
            bucket.release(tokens);
          }
          boolean full = ar.succeeded() && ar.result() == tokens;
          long next = full ? 0 : config.pollInterval().toMillis();
          if (next == 0) {
            vertx.runOnContext(v -> pump(channel));
          } else {
            vertx.setTimer(next, t -> pump(channel));
          }
        });
  }

  private static List<DeliveryResults.Write> written(List<Future<DeliveryResults.Write>> futures) {
    List<DeliveryResults.Write> writes = new ArrayList<>();
    for (Future<DeliveryResults.Write> f : futures) {
      if (f.succeeded() && f.result() != null) {
        writes.add(f.result());
      }
    }
    return writes;
  }

  private void recover() {
    if (stopped) {
      return;
    }
    Duration lease = config.sendingLease();
    blocking.call(() -> store.claimStale(lease, config.deliveryBatch()))
        .compose(claim -> {
          List<Future<DeliveryResults.Write>> all = new ArrayList<>();
          for (ClaimedDelivery d : claim.deliveries()) {
            Future<Set<String>> sids = Recovery.needsSids(d) && d.customerId() != null
                ? blocking.call(() -> store.knownSmsSids(d.customerId())) : Future.succeededFuture(Set.of());
            all.add(sids.compose(known -> recovery.recover(d, known)).recover(e -> {
              LOG.error("[delivery: {}] recovery failed; will try again", d.id(), e);
              return Future.succeededFuture();
            }));
          }
          return Future.join(all).compose(x -> blocking.run(() -> results.commit(written(all))));
        })
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("recovery round failed: {}", ar.cause().toString());
          }
          vertx.setTimer(Math.max(200, lease.toMillis() / 2), t -> recover());
        });
  }
}
