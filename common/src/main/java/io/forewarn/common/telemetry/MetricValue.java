package io.forewarn.common.telemetry;

/** One named reading. {@code unit} is optional (SenML carries one, Forewarn JSON does not). */
public record MetricValue(String name, double value, String unit) {
  public MetricValue {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("metric name is required");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("metric " + name + " is not finite: " + value);
    }
  }

  public MetricValue(String name, double value) {
    this(name, value, null);
  }
}
