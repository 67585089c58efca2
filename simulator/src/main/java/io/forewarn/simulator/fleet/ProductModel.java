package io.forewarn.simulator.fleet;

import java.time.Duration;
import java.util.List;

/**
 * The simulated product lines. Each has its own metrics (in the order the physics fills them), its
 * firmware versions with their share of the installed base, and how often a device reports by default.
 */
public enum ProductModel {
  ROUTER("cpe-hr300", "cpe", Duration.ofMinutes(5),
      List.of(
          MetricSpec.gauge("rssi_dbm", "dBm", "Wi-Fi/LTE signal strength at the CPE", 1),
          MetricSpec.gauge("snr_db", "dB", "signal-to-noise ratio of the access link", 1),
          MetricSpec.gauge("packet_loss_pct", "%", "packet loss to the ISP gateway", 2),
          MetricSpec.gauge("latency_ms", "ms", "round trip to the ISP gateway", 1),
          MetricSpec.gauge("cpu_temp_c", "°C", "SoC temperature", 1),
          MetricSpec.counter("reboots", "reboots since installation")),
      List.of("3.2.1", "3.3.0", "3.4.0", "3.4.2"), new double[] {0.30, 0.40, 0.08, 0.22}),
  BOILER("boiler-gb24", "gb", Duration.ofMinutes(10),
      List.of(
          MetricSpec.gauge("flow_temp_c", "°C", "heating flow temperature", 1),
          MetricSpec.gauge("return_temp_c", "°C", "heating return temperature", 1),
          MetricSpec.gauge("pressure_bar", "bar", "heating circuit water pressure", 2),
          MetricSpec.counter("burner_starts", "burner ignitions since installation"),
          MetricSpec.counter("flame_failures", "failed ignitions since installation"),
          MetricSpec.gauge("flame_signal_ua", "µA",
              "flame ionisation current, mean while the burner fired since the last report; absent when it did not fire",
              1)),
      List.of("1.8.4", "1.9.0", "1.9.2"), new double[] {0.35, 0.55, 0.10}),
  HEAT_PUMP("heatpump-hp9", "hp", Duration.ofMinutes(5),
      List.of(
          MetricSpec.gauge("power_kw", "kW", "electrical input power", 2),
          MetricSpec.gauge("temp_c", "°C", "compressor discharge temperature", 1),
          MetricSpec.gauge("fan_rpm", "rpm", "outdoor unit fan speed", 0),
          MetricSpec.counter("error_count", "controller error events since installation"),
          MetricSpec.gauge("cop", "1", "coefficient of performance (heat out / power in)", 2)),
      List.of("2.0.3", "2.1.0", "2.2.1"), new double[] {0.40, 0.12, 0.48});

  private final String modelName;
  private final String idPrefix;
  private final Duration defaultInterval;
  private final List<MetricSpec> metrics;
  private final List<String> firmwares;
  private final double[] firmwareShares;

  ProductModel(String modelName, String idPrefix, Duration defaultInterval, List<MetricSpec> metrics,
      List<String> firmwares, double[] firmwareShares) {
    this.modelName = modelName;
    this.idPrefix = idPrefix;
    this.defaultInterval = defaultInterval;
    this.metrics = metrics;
    this.firmwares = firmwares;
    this.firmwareShares = firmwareShares;
  }

  /** The name stored in {@code devices.model}. */
  public String modelName() {
    return modelName;
  }

  public String idPrefix() {
    return idPrefix;
  }

  public Duration defaultInterval() {
    return defaultInterval;
  }

  public List<MetricSpec> metrics() {
    return metrics;
  }

  public List<String> firmwares() {
    return firmwares;
  }

  double[] firmwareShares() {
    return firmwareShares.clone();
  }

  /** The position of a metric in this model's readings, or -1. */
  public int index(String metric) {
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.get(i).name().equals(metric)) {
        return i;
      }
    }
    return -1;
  }

  public static ProductModel byName(String modelName) {
    for (ProductModel m : values()) {
      if (m.modelName.equals(modelName) || m.name().equalsIgnoreCase(modelName)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown product model: " + modelName);
  }
}
