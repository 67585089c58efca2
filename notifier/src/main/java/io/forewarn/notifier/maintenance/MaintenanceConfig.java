package io.forewarn.notifier.maintenance;

import io.forewarn.common.config.ConfigReader;
import java.time.Duration;
import java.util.Objects;

/**
 * How planned maintenance is announced.
 *
 * @param advance how long before a window starts customers are told (a window declared at
 *     shorter notice is announced at once)
 * @param pollInterval how often the declared windows are checked
 * @param batch windows handled per transaction
 */
public record MaintenanceConfig(Duration advance, Duration pollInterval, int batch) {
  public static final Duration DEFAULT_ADVANCE = Duration.ofHours(48);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);
  public static final int DEFAULT_BATCH = 50;

  public MaintenanceConfig {
    Objects.requireNonNull(advance, "advance");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (advance.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("advance must be >= 0 and the poll interval > 0");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    }
  }

  public static MaintenanceConfig read(ConfigReader r) {
    String p = "FOREWARN_NOTIFIER_MAINTENANCE_";
    return new MaintenanceConfig(
        r.duration(p + "ADVANCE", DEFAULT_ADVANCE, Duration.ZERO, Duration.ofDays(60)),
        r.duration(p + "POLL_INTERVAL", DEFAULT_POLL_INTERVAL, Duration.ofMillis(10), Duration.ofHours(1)),
        r.integer(p + "BATCH", DEFAULT_BATCH, 1, 10_000));
  }
}
