package io.forewarn.simulator.history;

/**
 * How the history writer loads data.
 *
 * @param writers parallel connections, each writing its own share of the devices
 * @param chunkRows rows per COPY and transaction; each chunk is one {@code ingest_batches} row
 * @param replace delete the fleet's existing telemetry in the window first (otherwise such rows abort the run)
 */
public record HistoryConfig(int writers, int chunkRows, boolean replace) {
  public static final HistoryConfig DEFAULTS = new HistoryConfig(2, 50_000, false);

  public HistoryConfig {
    if (writers < 1 || writers > 16) {
      throw new IllegalArgumentException("writers must be 1..16");
    }
    if (chunkRows < 1 || chunkRows > 1_000_000) {
      throw new IllegalArgumentException("chunkRows must be 1..1000000");
    }
  }
}
