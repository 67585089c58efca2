package io.forewarn.gateway.ingest;

import io.forewarn.common.telemetry.Decoded;
import io.forewarn.common.telemetry.TelemetryDecoder;
import io.forewarn.common.telemetry.TopicKind;
import io.forewarn.gateway.metrics.GatewayMetrics;
import io.forewarn.gateway.store.PendingMessage;
import io.forewarn.gateway.store.TelemetryStore;
import io.forewarn.gateway.store.WriteResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: decode every message, gather batches, write one batch at a time, acknowledge a
 * batch's messages only after it committed. While a write fails, nothing is acknowledged, so the
 * broker stops sending once {@code receiveMaximum} messages are outstanding and the rest waits in
 * the broker. Copies held from a lost connection go when the broker resumes the session (it resends
 * them), and the source stops reading at twice the receive maximum whatever the broker sends, so the
 * queue stays bounded.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private static final long FIRST_BACKOFF_MS = 100;
  private static final long STOP_DRAIN_TIMEOUT_MS = 10_000;

  private final TelemetrySource source;
  private final TelemetryDecoder decoder;
  private final TelemetryStore store;
  private final GatewayMetrics metrics;
  private final BatchSettings settings;
  private final Runnable onFatal;

  private final ArrayDeque<Item> pending = new ArrayDeque<>();
  private List<Item> inFlight;
  private long flushTimer = -1;
  private int consecutiveFailures;
  private int consecutiveSetupFailures;
  private Promise<Void> drained;
  private boolean halted;

  private record Item(InboundMessage message, PendingMessage pending) {}

  public IngestVerticle(TelemetrySource source, TelemetryDecoder decoder, TelemetryStore store,
      GatewayMetrics metrics, BatchSettings settings, Runnable onFatal) {
    this.source = source;
    this.decoder = decoder;
    this.store = store;
    this.metrics = metrics;
    this.settings = settings;
    this.onFatal = onFatal;
  }

  @Override
  public Future<?> start() {
    metrics.queueDepth(this::outstanding);
    return source.start(new TelemetrySource.Consumer() {
      @Override
      public void message(InboundMessage message) {
        onMessage(message);
      }

      @Override
      public void sessionResumed(long epoch) {
        dropRedeliveredCopies(epoch);
      }
    });
  }

  /** Received and not yet acknowledged: pending plus the batch being written. */
  int outstanding() {
    return pending.size() + (inFlight == null ? 0 : inFlight.size());
  }

  private void onMessage(InboundMessage message) {
    Decoded decoded = decoder.decode(message.topic(), message.payload(), message.receivedAt());
    TopicKind kind = kindOf(decoded, message.topic());
    if (kind != null) {
      metrics.received(kind, message.duplicate());
    }
    pending.add(new Item(message,
        new PendingMessage(message.topic(), message.payload(), message.receivedAt(), decoded)));
    if (pending.size() >= settings.maxMessages()) {
      flush();
    } else if (flushTimer < 0 && inFlight == null) {
      flushTimer = vertx.setTimer(settings.maxDelay().toMillis(), t -> {
        flushTimer = -1;
        flush();
      });
    }
  }

  /**
   * The broker resumed our session and resends what we did not acknowledge: copies from earlier
   * connections still waiting to be written go. The batch being written stays (it commits or is
   * retried as it is); QoS 0 messages stay, nobody resends them.
   */
  private void dropRedeliveredCopies(long epoch) {
    int before = pending.size();
    pending.removeIf(item -> {
      boolean redelivered = item.message().qos() > 0 && item.message().sessionEpoch() < epoch;
      if (redelivered) {
        source.acknowledge(item.message()); // frees its place; no PUBACK on a lost connection
      }
      return redelivered;
    });
    int dropped = before - pending.size();
    if (dropped > 0) {
      metrics.redeliveredCopiesDropped(dropped);
      LOG.info("session resumed: dropped {} copies held from the lost connection, the broker resends them; "
          + "{} messages held", dropped, outstanding());
    }
  }

  private void flush() {
    if (inFlight != null || pending.isEmpty()) {
      return;
    }
    if (flushTimer >= 0) {
      vertx.cancelTimer(flushTimer);
      flushTimer = -1;
    }
    int n = Math.min(pending.size(), settings.maxMessages());
    List<Item> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(pending.poll());
    }
    inFlight = batch;
    write(batch);
  }

  private void write(List<Item> batch) {
    List<PendingMessage> messages = new ArrayList<>(batch.size());
    batch.forEach(item -> messages.add(item.pending()));
    store.write(messages).onComplete(ar -> onWritten(batch, ar.succeeded() ? ar.result()
        : new WriteResult.Unavailable("store failed: " + ar.cause(), ar.cause())));
  }

  private void onWritten(List<Item> batch, WriteResult result) {
    switch (result) {
      case WriteResult.Stored stored -> {
        batch.forEach(item -> source.acknowledge(item.message()));
        consecutiveFailures = 0;
        consecutiveSetupFailures = 0;
        inFlight = null;
        afterWrite();
      }
      case WriteResult.Unavailable unavailable -> retry(batch, unavailable.detail(), false);
      case WriteResult.Broken broken -> retry(batch, broken.detail(), true);
    }
  }

  /** Keeps the batch (unacknowledged) and writes it again after a backoff. */
  private void retry(List<Item> batch, String detail, boolean setupProblem) {
    consecutiveFailures++;
    consecutiveSetupFailures = setupProblem ? consecutiveSetupFailures + 1 : 0;
    if (setupProblem && consecutiveSetupFailures >= settings.fatalAfter()) {
      LOG.error("database set-up problem persists after {} attempts ({}); stopping. Nothing was acknowledged: "
          + "the broker keeps the {} outstanding messages.", consecutiveSetupFailures, detail, outstanding());
      halted = true;
      onFatal.run();
      return;
    }
    long backoff = Math.min(settings.maxBackoff().toMillis(),
        FIRST_BACKOFF_MS << Math.min(consecutiveFailures - 1, 20));
    if (setupProblem) {
      LOG.error("batch of {} not written: {} (attempt {}, retry in {} ms)", batch.size(), detail,
          consecutiveFailures, backoff);
    } else {
      LOG.warn("batch of {} not written: {} (attempt {}, retry in {} ms; {} messages held unacknowledged)",
          batch.size(), detail, consecutiveFailures, backoff, outstanding());
    }
    vertx.setTimer(backoff, t -> write(batch));
  }

  private void afterWrite() {
    if (drained != null && pending.isEmpty()) {
      drained.tryComplete();
      return;
    }
    if (pending.size() >= settings.maxMessages() || drained != null) {
      flush();
    } else if (!pending.isEmpty() && flushTimer < 0) {
      flushTimer = vertx.setTimer(settings.maxDelay().toMillis(), t -> {
        flushTimer = -1;
        flush();
      });
    }
  }

  /** Graceful stop: write and acknowledge what is pending (bounded in time), then disconnect. */
  @Override
  public Future<?> stop() {
    drained = Promise.promise();
    if (halted || (inFlight == null && pending.isEmpty())) {
      drained.tryComplete();
    } else {
      flush();
    }
    vertx.setTimer(STOP_DRAIN_TIMEOUT_MS, t -> {
      if (drained.tryComplete()) {
        LOG.warn("stopping with {} messages unacknowledged; the broker will redeliver them", outstanding());
      }
    });
    return drained.future().compose(v -> source.stop());
  }

  private static TopicKind kindOf(Decoded decoded, String topic) {
    return switch (decoded) {
      case Decoded.Telemetry t -> topic.endsWith("/senml") ? TopicKind.SENML : TopicKind.TELEMETRY;
      case Decoded.Status s -> TopicKind.STATUS;
      case Decoded.Rejected r -> topic.endsWith("/status") ? TopicKind.STATUS
          : topic.endsWith("/senml") ? TopicKind.SENML : TopicKind.TELEMETRY;
    };
  }
}
