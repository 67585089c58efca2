package io.forewarn.gateway.metrics;

import io.forewarn.common.telemetry.RejectReason;
import io.forewarn.common.telemetry.TopicKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Micrometer meters of the gateway. Tag values come from enums; device ids are never tags. */
public final class MicrometerGatewayMetrics implements GatewayMetrics {
  public static final String RECEIVED = "forewarn.gateway.messages.received";
  public static final String REDELIVERED = "forewarn.gateway.messages.redelivered";
  public static final String REJECTED = "forewarn.gateway.messages.rejected";
  public static final String ACKNOWLEDGED = "forewarn.gateway.messages.acknowledged";
  public static final String ACK_SKIPPED = "forewarn.gateway.acks.skipped";
  public static final String ROWS_STORED = "forewarn.gateway.rows.stored";
  public static final String ROWS_DUPLICATE = "forewarn.gateway.rows.duplicate";
  public static final String BATCH_SIZE = "forewarn.gateway.batch.size";
  public static final String DB_WRITES = "forewarn.gateway.db.writes";
  public static final String INGEST_LAG = "forewarn.gateway.ingest.lag";
  public static final String QUEUE_DEPTH = "forewarn.gateway.queue.depth";
  public static final String COPIES_DROPPED = "forewarn.gateway.messages.copies.dropped";
  public static final String READING_PAUSED = "forewarn.gateway.reading.paused";
  public static final String ROLLUP_ROWS = "forewarn.gateway.rollup.rows";
  public static final String ROLLUP_ROWS_HELD = "forewarn.gateway.rollup.rows.held";

  private final MeterRegistry registry;
  private final List<Object> strongReferences = new ArrayList<>();
  private final Map<TopicKind, Counter> received = new EnumMap<>(TopicKind.class);
  private final Counter redelivered;
  private final Counter acknowledged;
  private final Counter ackSkipped;
  private final Counter rowsStored;
  private final Counter rowsDuplicate;
  private final DistributionSummary batchSize;
  private final Map<WriteOutcome, Timer> writes = new EnumMap<>(WriteOutcome.class);
  private final Timer lag;
  private final Counter copiesDropped;
  private final Timer readingPaused;

  public MicrometerGatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (TopicKind kind : TopicKind.values()) {
      received.put(kind, Counter.builder(RECEIVED).description("MQTT messages received")
          .tag("kind", kind.segment()).register(registry));
    }
    redelivered = Counter.builder(REDELIVERED).description("messages the broker flagged as redelivered (DUP)")
        .register(registry);
    acknowledged = Counter.builder(ACKNOWLEDGED).description("messages acknowledged after commit").register(registry);
    ackSkipped = Counter.builder(ACK_SKIPPED)
        .description("acknowledgements not sent because the session changed (the broker redelivers)")
        .register(registry);
    rowsStored = Counter.builder(ROWS_STORED).description("telemetry rows committed").register(registry);
    rowsDuplicate = Counter.builder(ROWS_DUPLICATE).description("rows skipped as already stored (redelivery)")
        .register(registry);
    batchSize = DistributionSummary.builder(BATCH_SIZE).description("messages per committed batch")
        .publishPercentiles(0.5, 0.99).register(registry);
    for (WriteOutcome outcome : WriteOutcome.values()) {
      writes.put(outcome, Timer.builder(DB_WRITES).description("batch write (COPY + insert + commit) latency")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).publishPercentiles(0.5, 0.99).register(registry));
    }
    lag = Timer.builder(INGEST_LAG).description("commit time minus the device's sample timestamp")
        .publishPercentiles(0.5, 0.99).register(registry);
    copiesDropped = Counter.builder(COPIES_DROPPED)
        .description("copies held from a lost connection, dropped because the resumed session redelivers them")
        .register(registry);
    readingPaused = Timer.builder(READING_PAUSED)
        .description("pauses in reading from the broker because the gateway held twice its receive maximum")
        .register(registry);
  }

  @Override
  public void received(TopicKind kind, boolean isRedelivery) {
    received.get(kind).increment();
    if (isRedelivery) {
      redelivered.increment();
    }
  }

  @Override
  public void rejected(RejectReason reason, boolean partial) {
    // Registered lazily: Micrometer caches meters, so this is a map lookup after the first call.
    Counter.builder(REJECTED).description("messages (or parts of messages) rejected, by reason")
        .tag("reason", reason.code()).tag("partial", Boolean.toString(partial)).register(registry).increment();
  }

  @Override
  public void committed(int messages, int stored, int duplicate) {
    acknowledged.increment(messages);
    rowsStored.increment(stored);
    rowsDuplicate.increment(duplicate);
    batchSize.record(messages);
  }

  @Override
  public void batchWrite(WriteOutcome outcome, int messages, Duration elapsed) {
    writes.get(outcome).record(elapsed);
  }

  @Override
  public void ingestLag(Duration value) {
    lag.record(value.isNegative() ? Duration.ZERO : value);
  }

  @Override
  public void acknowledgementSkipped() {
    ackSkipped.increment();
  }

  @Override
  public void queueDepth(Supplier<Number> depth) {
    Gauge.builder(QUEUE_DEPTH, depth).description("messages received and not yet acknowledged").register(registry);
  }

  @Override
  public void rollupRows(Supplier<Number> fromMemory, Supplier<Number> readBack, Supplier<Number> held) {
    // A function counter holds its object weakly; these suppliers have no other holder.
    strongReferences.add(fromMemory);
    strongReferences.add(readBack);
    FunctionCounter.builder(ROLLUP_ROWS, fromMemory, n -> n.get().doubleValue()).tag("source", "memory")
        .description("raw rows rolled up, by where they came from").register(registry);
    FunctionCounter.builder(ROLLUP_ROWS, readBack, n -> n.get().doubleValue()).tag("source", "database")
        .description("raw rows rolled up, by where they came from").register(registry);
    Gauge.builder(ROLLUP_ROWS_HELD, held).description("rows this gateway wrote, held for the roll-up")
        .register(registry);
  }

  @Override
  public void redeliveredCopiesDropped(int messages) {
    copiesDropped.increment(messages);
  }

  @Override
  public void readingPaused(Duration paused) {
    readingPaused.record(paused);
  }
}
