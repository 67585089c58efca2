package io.forewarn.gateway.store;

import io.forewarn.common.telemetry.Decoded;
import io.forewarn.common.telemetry.MetricValue;
import io.forewarn.common.telemetry.RejectReason;
import io.forewarn.common.telemetry.Sample;
import io.forewarn.gateway.metrics.GatewayMetrics;
import io.forewarn.gateway.metrics.GatewayMetrics.WriteOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TimescaleDB store. All writes run on one dedicated worker thread with one connection (the
 * staging table is session-local), so the event loop never blocks and batches commit in order.
 */
public final class PgTelemetryStore implements TelemetryStore {
  private static final Logger LOG = LoggerFactory.getLogger(PgTelemetryStore.class);
  private static final Duration LAST_SEEN_FLUSH = Duration.ofSeconds(10);

  private final WorkerExecutor executor;
  private final WriterConnection connection;
  private final StoreSettings settings;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final BatchWriter writer;
  private final CommittedRowsListener committedRows;
  private final NameDirectory devices = new NameDirectory("devices", "external_id", ", registered_by", ", 'auto'");
  private final NameDirectory metricNames = new NameDirectory("metrics", "name", "", "");
  private final Map<Integer, Instant> lastSeen = new HashMap<>();
  private Instant lastSeenFlushedAt = Instant.EPOCH;
  private volatile boolean available;

  public PgTelemetryStore(Vertx vertx, WriterConnection connection, StoreSettings settings, GatewayMetrics metrics,
      Clock clock) {
    this(vertx, connection, settings, metrics, clock, CommittedRowsListener.NONE);
  }

  /** @param committedRows told of every batch whose rows were all stored as planned, after the commit */
  public PgTelemetryStore(Vertx vertx, WriterConnection connection, StoreSettings settings, GatewayMetrics metrics,
      Clock clock, CommittedRowsListener committedRows) {
    this.executor = vertx.createSharedWorkerExecutor("forewarn-db-writer", 1, 10, TimeUnit.MINUTES);
    this.connection = connection;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
    this.writer = new BatchWriter(settings.gatewayName());
    this.committedRows = committedRows;
  }

  @Override
  public boolean isAvailable() {
    return available;
  }

  @Override
  public Future<WriteResult> write(List<PendingMessage> batch) {
    return executor.executeBlocking(() -> writeBlocking(batch), true);
  }

  private WriteResult writeBlocking(List<PendingMessage> batch) {
    long started = System.nanoTime();
    WriteResult result;
    try {
      result = writeOnce(batch);
    } catch (SQLException | RuntimeException e) {
      result = switch (DbErrors.classify(e)) {
        case DATA -> writeIsolated(batch);
        case TRANSIENT -> {
          connection.discard();
          yield new WriteResult.Unavailable(DbErrors.describe(e), e);
        }
        case SETUP -> {
          connection.discard();
          yield new WriteResult.Broken(DbErrors.describe(e), e);
        }
      };
    }
    record(result, batch.size(), Duration.ofNanos(System.nanoTime() - started));
    return result;
  }

  private WriteResult.Stored writeOnce(List<PendingMessage> batch) throws SQLException {
    Connection c = connection.get();
    available = true;
    devices.resolve(c, uncachedDevices(batch), settings.unknownDevices() == UnknownDevicePolicy.AUTO_REGISTER);
    resolveMetrics(c, batch);
    BatchPlan plan = BatchPlan.of(batch, devices.known(), metricNames.known(), settings.rejectPayloadBytes());
    plan.lastSeen.forEach((id, ts) -> lastSeen.merge(id, ts, (a, b) -> a.isAfter(b) ? a : b));
    Instant now = clock.instant();
    boolean flushLastSeen = Duration.between(lastSeenFlushedAt, now).compareTo(LAST_SEEN_FLUSH) >= 0;
    WriteResult.Stored stored = writer.write(c, plan, flushLastSeen ? lastSeen : Map.of());
    if (flushLastSeen) {
      lastSeen.clear();
      lastSeenFlushedAt = now;
    }
    if (stored.rowsDuplicate() == 0 && stored.rowsStored() > 0) {
      committedRows.committed(stored.batchId(), plan.telemetry);
    }
    Instant committed = clock.instant();
    plan.deviceTimestamps.forEach(ts -> metrics.ingestLag(Duration.between(ts, committed)));
    plan.rejects.forEach(r -> metrics.rejected(r.reason(), r.partial()));
    return stored;
  }

  /**
   * The database refused something our validation let through: write the messages one by one so
   * only the offending ones are rejected (with the database's reason) and the rest are stored.
   */
  private WriteResult writeIsolated(List<PendingMessage> batch) {
    int stored = 0;
    int duplicate = 0;
    int rejected = 0;
    long lastBatch = -1;
    for (PendingMessage m : batch) {
      try {
        WriteResult.Stored one = writeOnce(List.of(m));
        stored += one.rowsStored();
        duplicate += one.rowsDuplicate();
        rejected += one.rejected();
        lastBatch = one.batchId();
      } catch (SQLException | RuntimeException e) {
        if (DbErrors.classify(e) != DbErrors.Kind.DATA) {
          connection.discard();
          return new WriteResult.Unavailable(DbErrors.describe(e), e);
        }
        LOG.warn("database refused a message [device: {}] on {}: {}", m.decoded().deviceId(), m.topic(),
            DbErrors.describe(e));
        try {
          BatchPlan plan = BatchPlan.rejectOnly(m, RejectReason.DATABASE_REJECTED, DbErrors.describe(e),
              settings.rejectPayloadBytes());
          lastBatch = writer.write(connection.get(), plan, Map.of()).batchId();
          metrics.rejected(RejectReason.DATABASE_REJECTED, false);
          rejected++;
        } catch (SQLException | RuntimeException again) {
          connection.discard();
          return new WriteResult.Unavailable(DbErrors.describe(again), again);
        }
      }
    }
    return new WriteResult.Stored(lastBatch, batch.size(), stored, duplicate, rejected);
  }

  /**
   * Looks up (and registers) the metric names this batch uses that are not cached yet; almost every
   * batch has none, so the common case is one cache probe per metric and no SQL.
   */
  private void resolveMetrics(Connection c, List<PendingMessage> batch) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    for (PendingMessage m : batch) {
      if (m.decoded() instanceof Decoded.Telemetry t) {
        for (Sample s : t.samples()) {
          for (MetricValue v : s.metrics()) {
            if (metricNames.cached(v.name()) == null) {
              names.add(v.name());
            }
          }
        }
      }
    }
    if (names.isEmpty() || metricNames.resolve(c, names, false).size() == names.size()) {
      return;
    }
    // New names: register only as many as the catalogue limit allows; the rest are dropped per metric.
    int room = settings.metricCatalogueMax() - NameDirectory.count(c, "metrics");
    List<String> fresh = new ArrayList<>();
    for (String name : names) {
      if (metricNames.cached(name) == null && fresh.size() < room) {
        fresh.add(name);
      }
    }
    if (!fresh.isEmpty()) {
      LOG.info("registering {} new metric name(s), e.g. {}", fresh.size(), fresh.getFirst());
      metricNames.resolve(c, fresh, true);
    }
  }

  private Set<String> uncachedDevices(List<PendingMessage> batch) {
    Set<String> names = new LinkedHashSet<>();
    for (PendingMessage m : batch) {
      String device = m.decoded().deviceId();
      if (!(m.decoded() instanceof Decoded.Rejected) && device != null && devices.cached(device) == null) {
        names.add(device);
      }
    }
    return names;
  }

  private void record(WriteResult result, int messages, Duration elapsed) {
    switch (result) {
      case WriteResult.Stored s -> {
        available = true;
        metrics.batchWrite(WriteOutcome.STORED, messages, elapsed);
        metrics.committed(s.messages(), s.rowsStored(), s.rowsDuplicate());
      }
      case WriteResult.Unavailable u -> {
        available = false;
        metrics.batchWrite(WriteOutcome.UNAVAILABLE, messages, elapsed);
      }
      case WriteResult.Broken b -> {
        available = false;
        metrics.batchWrite(WriteOutcome.BROKEN, messages, elapsed);
      }
    }
  }

  public Future<Void> close() {
    Future<Void> discarded = executor.executeBlocking(() -> {
      connection.discard();
      return null;
    });
    return discarded.eventually(executor::close);
  }
}
