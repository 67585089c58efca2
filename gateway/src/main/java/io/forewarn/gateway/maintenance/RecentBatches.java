package io.forewarn.gateway.maintenance;

import io.forewarn.gateway.store.CommittedRowsListener;
import io.forewarn.gateway.store.TelemetryRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the batches this gateway committed lately, kept until the roll-up takes them, so it
 * aggregates them from memory instead of reading them back from the database: reading back was
 * about half of the roll-up's PostgreSQL time (docs/benchmarks.md). Only an optimisation: a batch
 * that is not here (written by another gateway, before a restart, with duplicates, or dropped by
 * the bounds below) is read back, so the roll-up's exactly-once rests on its cursor alone.
 *
 * <p>Bounded twice: at most {@code maxRows} rows (a batch that does not fit is not kept), and a
 * batch no roll-up took within {@code maxAge} (another gateway rolled it up) is dropped.
 */
public final class RecentBatches implements CommittedRowsListener {
  private record Kept(List<TelemetryRow> rows, Instant at) {}

  private final int maxRows;
  private final Duration maxAge;
  private final Clock clock;
  private final Map<Long, Kept> batches = new LinkedHashMap<>();
  private int rows;
  private long notKept;

  public RecentBatches(int maxRows, Duration maxAge, Clock clock) {
    if (maxRows < 0 || maxAge.isNegative()) {
      throw new IllegalArgumentException("maxRows and maxAge must not be negative");
    }
    this.maxRows = maxRows;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  @Override
  public synchronized void committed(long batchId, List<TelemetryRow> committed) {
    Instant now = clock.instant();
    dropOlderThan(now.minus(maxAge));
    if (rows + committed.size() > maxRows) {
      notKept++;
      return;
    }
    batches.put(batchId, new Kept(committed, now));
    rows += committed.size();
  }

  /** The rows of {@code batchId}, removed from here; null when they are not here. */
  synchronized List<TelemetryRow> take(long batchId) {
    Kept kept = batches.remove(batchId);
    if (kept == null) {
      return null;
    }
    rows -= kept.rows().size();
    return kept.rows();
  }

  public synchronized int rows() {
    return rows;
  }

  /** Batches that arrived while the bound was full, since the start. */
  synchronized long notKept() {
    return notKept;
  }

  private void dropOlderThan(Instant limit) {
    for (Iterator<Kept> it = batches.values().iterator(); it.hasNext();) {
      Kept kept = it.next();
      if (!kept.at().isBefore(limit)) {
        return;
      }
      rows -= kept.rows().size();
      it.remove();
    }
  }
}
