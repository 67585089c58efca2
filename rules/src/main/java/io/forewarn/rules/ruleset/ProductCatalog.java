package io.forewarn.rules.ruleset;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The product models the fleet has and the metrics each reports, so a rule file naming a model or
 * metric that does not exist is caught at start instead of silently never firing.
 *
 * @param metricsByModel metric names per model name
 * @param intervals      each model's nominal report interval (a device's own is learnt from its data)
 */
public record ProductCatalog(Map<String, Set<String>> metricsByModel, Map<String, Duration> intervals) {
  public ProductCatalog {
    metricsByModel = Map.copyOf(metricsByModel);
    intervals = Map.copyOf(intervals);
    if (!metricsByModel.keySet().equals(intervals.keySet())) {
      throw new IllegalArgumentException("every model needs metrics and an interval");
    }
  }

  /** The three models of the fleet (the simulator's, docs/simulator.md "Models and metrics"). */
  public static ProductCatalog standard() {
    return new ProductCatalog(
        Map.of(
            "cpe-hr300", Set.of("rssi_dbm", "snr_db", "packet_loss_pct", "latency_ms", "cpu_temp_c", "reboots"),
            "boiler-gb24", Set.of("flow_temp_c", "return_temp_c", "pressure_bar", "burner_starts", "flame_failures",
                "flame_signal_ua"),
            "heatpump-hp9", Set.of("power_kw", "temp_c", "fan_rpm", "error_count", "cop")),
        Map.of("cpe-hr300", Duration.ofMinutes(5), "boiler-gb24", Duration.ofMinutes(10),
            "heatpump-hp9", Duration.ofMinutes(5)));
  }

  public boolean hasModel(String model) {
    return metricsByModel.containsKey(model);
  }

  public boolean hasMetric(String model, String metric) {
    return metricsByModel.getOrDefault(model, Set.of()).contains(metric);
  }
}
