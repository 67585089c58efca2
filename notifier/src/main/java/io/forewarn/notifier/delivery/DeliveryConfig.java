package io.forewarn.notifier.delivery;

import io.forewarn.common.config.ConfigReader;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox consumer and the delivery loop run.
 *
 * @param instanceId written to {@code outbox.processed_by} and {@code deliveries.claimed_by}
 * @param outboxBatch outbox rows claimed per transaction
 * @param deliveryBatch deliveries claimed per channel and round
 * @param senders claim-and-send loops per channel; several keep the provider busy while one waits
 *     on the database
 * @param pollInterval how often to look for work when the last round found none
 * @param sendingLease a delivery left in 'sending' longer than this belongs to a crashed
 *     instance and is recovered (must exceed the longest provider timeout)
 * @param maxAttempts attempts before a delivery is 'failed'
 * @param baseBackoff first retry delay; doubles per attempt, with jitter, capped at {@code maxBackoff}
 */
public record DeliveryConfig(String instanceId, int outboxBatch, int deliveryBatch, int senders, Duration pollInterval,
    Duration sendingLease, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

  public DeliveryConfig {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(sendingLease, "sendingLease");
    Objects.requireNonNull(baseBackoff, "baseBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (outboxBatch < 1 || deliveryBatch < 1 || senders < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("batch sizes and max attempts must be at least 1");
    }
  }

  public static DeliveryConfig read(ConfigReader r, String defaultInstanceId) {
    String p = "FOREWARN_NOTIFIER_";
    return new DeliveryConfig(
        r.string(p + "INSTANCE_ID", defaultInstanceId),
        r.integer(p + "OUTBOX_BATCH", 20, 1, 10_000),
        r.integer(p + "DELIVERY_BATCH", 100, 1, 10_000),
        r.integer(p + "SENDERS", 4, 1, 64),
        r.duration(p + "POLL_INTERVAL", Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofMinutes(1)),
        r.duration(p + "SENDING_LEASE", Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofHours(1)),
        r.integer(p + "MAX_ATTEMPTS", 8, 1, 100),
        r.duration(p + "RETRY_BASE", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofHours(1)),
        r.duration(p + "RETRY_MAX", Duration.ofHours(1), Duration.ofMillis(10), Duration.ofHours(24)));
  }
}
