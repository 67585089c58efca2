package io.forewarn.gateway.metrics;

import io.forewarn.common.telemetry.RejectReason;
import io.forewarn.common.telemetry.TopicKind;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every gateway stage reports here. Meter names and tags live in {@link MicrometerGatewayMetrics};
 * tests use {@link #NOOP}.
 */
public interface GatewayMetrics {

  /** How a batch write ended: the {@code outcome} tag of the write timer. */
  enum WriteOutcome {
    STORED, UNAVAILABLE, BROKEN
  }

  void received(TopicKind kind, boolean redelivered);

  void rejected(RejectReason reason, boolean partial);

  /** A committed batch: messages acknowledged, rows stored and rows skipped as duplicates. */
  void committed(int messages, int rowsStored, int rowsDuplicate);

  void batchWrite(WriteOutcome outcome, int messages, Duration elapsed);

  /** Commit time minus the sample's own timestamp, for device-timestamped samples. */
  void ingestLag(Duration lag);

  void acknowledgementSkipped();

  void queueDepth(Supplier<Number> depth);

  /** Copies held from a lost connection, dropped because the resumed session redelivers them. */
  void redeliveredCopiesDropped(int messages);

  /** Reading from the broker stopped this long because the gateway held its limit of messages. */
  void readingPaused(Duration paused);

  /**
   * The roll-up's raw rows by where they came from: this gateway's memory or read back from the
   * database; and the rows held in memory for it now.
   */
  void rollupRows(Supplier<Number> fromMemory, Supplier<Number> readBack, Supplier<Number> held);

  GatewayMetrics NOOP = new GatewayMetrics() {
    @Override
    public void received(TopicKind kind, boolean redelivered) {}
    @Override
    public void rejected(RejectReason reason, boolean partial) {}
    @Override
    public void committed(int messages, int rowsStored, int rowsDuplicate) {}
    @Override
    public void batchWrite(WriteOutcome outcome, int messages, Duration elapsed) {}
    @Override
    public void ingestLag(Duration lag) {}
    @Override
    public void acknowledgementSkipped() {}
    @Override
    public void queueDepth(Supplier<Number> depth) {}
    @Override
    public void redeliveredCopiesDropped(int messages) {}
    @Override
    public void readingPaused(Duration paused) {}
    @Override
    public void rollupRows(Supplier<Number> fromMemory, Supplier<Number> readBack, Supplier<Number> held) {}
  };
}
