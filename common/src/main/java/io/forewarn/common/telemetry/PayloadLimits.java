package io.forewarn.common.telemetry;

import java.time.Duration;

/** Bounds on what one message may carry; anything beyond is rejected with a specific reason. */
public record PayloadLimits(
    int maxPayloadBytes, int maxMetricsPerSample, int maxSamplesPerMessage, Duration maxFuture, Duration maxAge) {

  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_METRICS_PER_SAMPLE = 200;
  public static final int DEFAULT_MAX_SAMPLES_PER_MESSAGE = 1_000;
  /** Device clocks drift; a few minutes ahead is tolerated, more means a broken clock. */
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);
  /** Devices buffer while offline; a week of backlog is accepted. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  public static final PayloadLimits DEFAULTS = new PayloadLimits(DEFAULT_MAX_PAYLOAD_BYTES,
      DEFAULT_MAX_METRICS_PER_SAMPLE, DEFAULT_MAX_SAMPLES_PER_MESSAGE, DEFAULT_MAX_FUTURE, DEFAULT_MAX_AGE);

  public PayloadLimits {
    if (maxPayloadBytes <= 0 || maxMetricsPerSample <= 0 || maxSamplesPerMessage <= 0) {
      throw new IllegalArgumentException("payload limits must be positive");
    }
    if (maxFuture == null || maxFuture.isNegative() || maxAge == null || maxAge.isNegative()) {
      throw new IllegalArgumentException("time limits must be non-negative durations");
    }
  }
}
