package io.forewarn.gateway.store;

import io.vertx.core.Future;
import java.util.List;

/** Where decoded messages go. One batch is one transaction. */
public interface TelemetryStore {

  /**
   * Writes the batch atomically: telemetry rows (duplicates skipped), status changes and rejects.
   * Never fails the future: failures come back as {@link WriteResult.Unavailable} or
   * {@link WriteResult.Broken}.
   */
  Future<WriteResult> write(List<PendingMessage> batch);

  /** True after the last write or probe reached the database. */
  boolean isAvailable();
}
