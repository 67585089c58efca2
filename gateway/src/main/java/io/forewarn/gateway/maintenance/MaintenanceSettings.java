package io.forewarn.gateway.maintenance;

import java.time.Duration;

/** Retention periods and the schedule of the roll-up and retention jobs. */
public record MaintenanceSettings(
    Duration rawRetention,
    Duration minuteRollupRetention,
    Duration hourRollupRetention,
    Duration rejectRetention,
    Duration chunkInterval,
    Duration rollupInterval,
    Duration retentionInterval) {

  public MaintenanceSettings {
    if (rawRetention.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("raw retention must be at least 1h");
    }
    if (rollupInterval.isZero() || rollupInterval.isNegative() || retentionInterval.isZero()
        || retentionInterval.isNegative()) {
      throw new IllegalArgumentException("job intervals must be positive");
    }
  }
}
