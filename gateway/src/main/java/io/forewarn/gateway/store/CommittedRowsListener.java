package io.forewarn.gateway.store;

import java.util.List;

/**
 * Told, on the writer's thread right after the commit, of each batch whose telemetry rows were all
 * stored exactly as given (none was a duplicate), so a reader of that batch can use them instead of
 * reading them back (the roll-up does). Must be quick and must not throw.
 */
@FunctionalInterface
public interface CommittedRowsListener {
  CommittedRowsListener NONE = (batchId, rows) -> {};

  void committed(long batchId, List<TelemetryRow> rows);
}
