package io.forewarn.gateway.maintenance;

import java.time.Duration;

/**
 * Retention periods, the schedule of the roll-up and retention jobs, and how many just-written rows
 * the gateway keeps for the roll-up ({@link RecentBatches}; 0 = read every batch back).
 */
public record MaintenanceSettings(
    Duration rawRetention,
    Duration minuteRollupRetention,
    Duration hourRollupRetention,
    Duration rejectRetention,
    Duration chunkInterval,
    Duration rollupInterval,
    Duration retentionInterval,
    int rollupMemoryRows) {

  /**
   * How long a batch may wait in {@link RecentBatches} for a roll-up: two intervals and a minute
   * (settling, a slow run). One that waited longer was rolled up by another gateway, or will be read
   * back.
   */
  public Duration recentBatchesMaxAge() {
    return rollupInterval.multipliedBy(2).plusMinutes(1);
  }

  public MaintenanceSettings {
    if (rawRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("raw retention must be at least 1h");
    }
    if (rollupInterval.isZero() || rollupInterval.isNegative() || retentionInterval.isZero()
        || retentionInterval.isNegative()) {
      throw new IllegalArgumentException("job intervals must be positive");
    }
    if (rollupMemoryRows < 0) {
      throw new IllegalArgumentException("roll-up memory rows must not be negative");
    }
  }
}
