package io.forewarn.common.telemetry;

import java.util.Locale;

/**
 * Why a message, a sample or a single metric was not stored. The {@link #code()} is what lands in
 * {@code rejected_messages.reason} and in the {@code reason} tag of the rejection counter.
 */
public enum RejectReason {
  BAD_TOPIC("topic is not devices/<device-id>/(telemetry|senml|status)"),
  BAD_DEVICE_ID("device id must be 1-64 of [A-Za-z0-9_.:-], starting with a letter or digit"),
  UNKNOWN_DEVICE("device is not registered and the unknown-device policy is 'reject'"),
  EMPTY_PAYLOAD("payload is empty"),
  PAYLOAD_TOO_LARGE("payload exceeds the configured maximum size"),
  MALFORMED_JSON("payload is not valid JSON"),
  WRONG_SHAPE("JSON is valid but not in the expected shape"),
  MISSING_METRICS("message carries no metrics"),
  TOO_MANY_METRICS("more metrics in one sample than allowed"),
  TOO_MANY_SAMPLES("more samples in one message than allowed"),
  BAD_METRIC_NAME("metric name must be 1-63 of [A-Za-z0-9_.:/-], starting with a letter or _"),
  DUPLICATE_METRIC("the same metric appears twice in one sample"),
  WRONG_TYPE("metric value is not a number or boolean"),
  NON_FINITE("metric value is not a finite number"),
  BAD_TIMESTAMP("ts is neither an ISO-8601 instant nor epoch milliseconds"),
  MISSING_TIMESTAMP("a sample in a batch has no ts"),
  TIMESTAMP_IN_FUTURE("ts is further in the future than allowed"),
  TIMESTAMP_TOO_OLD("ts is older than allowed"),
  METRIC_CATALOGUE_FULL("new metric name, but the metric catalogue is at its configured limit"),
  DATABASE_REJECTED("the database refused the row");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** Stable snake_case code, used in the database and as a metric tag value. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }
}
