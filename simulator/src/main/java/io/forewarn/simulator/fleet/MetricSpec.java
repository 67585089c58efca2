package io.forewarn.simulator.fleet;

/**
 * One metric a product model reports. {@code counter} metrics are cumulative since installation
 * (never decrease); the rest are gauges. {@code decimals} is how precisely the device reports it.
 */
public record MetricSpec(String name, String unit, String description, int decimals, boolean counter) {
  public MetricSpec {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("metric name must be snake_case: " + name);
    }
    if (decimals < 0 || decimals > 6) {
      throw new IllegalArgumentException("decimals must be 0..6: " + decimals);
    }
  }

  static MetricSpec gauge(String name, String unit, String description, int decimals) {
    return new MetricSpec(name, unit, description, decimals, false);
  }

  static MetricSpec counter(String name, String description) {
    return new MetricSpec(name, "count", description, 0, true);
  }
}
