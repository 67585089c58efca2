package io.forewarn.simulator.fault;

import io.forewarn.simulator.fleet.MetricSpec;
import io.forewarn.simulator.fleet.ProductModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The kinds of trouble the simulator injects. Physics and failure limits per kind and model are
 * described in docs/simulator.md; {@link #affectedMetrics} is what the ground truth records.
 */
public enum FaultKind {
  /** Boiler loses water: pressure falls linearly from onset to the 0.7 bar lockout limit. */
  PRESSURE_LEAK(true, Duration.ofDays(21), Map.of(ProductModel.BOILER, List.of("pressure_bar"))),
  /** Heat-pump fan bearing wears: fan speed sags, discharge temperature climbs to the 90 °C trip. */
  FAN_WEAR(true, Duration.ofDays(30), Map.of(ProductModel.HEAT_PUMP, List.of("fan_rpm", "temp_c"))),
  /** CPE link degrades (antenna, cable, interference): signal and SNR fall, loss and latency rise. */
  SIGNAL_DEGRADATION(true, Duration.ofDays(10), Map.of(ProductModel.ROUTER,
      List.of("rssi_dbm", "snr_db", "packet_loss_pct", "latency_ms"))),
  /**
   * Error events grow more frequent until a lockout burst (heat pump: sensor or controller fault; boiler:
   * ignition electrode wear, which lowers the flame signal steadily from onset).
   */
  RISING_ERROR_RATE(true, Duration.ofDays(7), Map.of(
      ProductModel.BOILER, List.of("flame_signal_ua", "flame_failures", "burner_starts"),
      ProductModel.HEAT_PUMP, List.of("error_count"))),
  /** Heat pump loses refrigerant: COP fades towards 1.6 while input power rises to compensate. */
  CAPACITY_FADE(true, Duration.ofDays(30), Map.of(ProductModel.HEAT_PUMP, List.of("cop", "power_kw", "temp_c"))),
  /** Every device on one firmware version degrades from the same rollout instant. */
  FIRMWARE_COHORT(true, Duration.ofDays(10), Map.of(
      ProductModel.ROUTER, List.of("latency_ms", "cpu_temp_c", "reboots"),
      ProductModel.BOILER, List.of("flame_signal_ua", "flame_failures", "burner_starts"),
      ProductModel.HEAT_PUMP, List.of("error_count"))),
  /** Breaks with no precursor at all: a detector cannot see it coming (measures false-negative honesty). */
  SUDDEN_FAILURE(false, Duration.ZERO, Map.of(
      ProductModel.ROUTER, List.of("rssi_dbm", "snr_db"),
      ProductModel.BOILER, List.of("flame_failures", "flow_temp_c"),
      ProductModel.HEAT_PUMP, List.of("cop", "power_kw", "temp_c", "error_count"))),
  /** One device loses power: silent from onset until power returns. */
  POWER_LOSS(false, Duration.ZERO, Map.of()),
  /** Every device of a region goes silent at once: a service disruption, not a product fault. */
  REGION_OUTAGE(false, Duration.ZERO, Map.of()),
  /** Healthy but noisy: three times the noise and five times the glitches, never crosses a limit. */
  NOISY_HEALTHY(false, Duration.ZERO, Map.of());

  private final boolean predictable;
  private final Duration maxLead;
  private final Map<ProductModel, List<String>> metrics;

  FaultKind(boolean predictable, Duration maxLead, Map<ProductModel, List<String>> metrics) {
    this.predictable = predictable;
    this.maxLead = maxLead;
    this.metrics = metrics;
  }

  /** True when the metrics show a precursor before the failure time. */
  public boolean predictable() {
    return predictable;
  }

  /** The longest onset-to-failure time; leads shrink with short simulation windows. */
  public Duration maxLead() {
    return maxLead;
  }

  /** Whether this kind exists for a model (silence and noise apply to every model). */
  public boolean appliesTo(ProductModel model) {
    return metrics.isEmpty() || metrics.containsKey(model);
  }

  /** The metrics the fault shapes; silence and noise touch every metric of the model. */
  public List<String> affectedMetrics(ProductModel model) {
    if (metrics.isEmpty()) {
      return model.metrics().stream().map(MetricSpec::name).toList();
    }
    List<String> list = metrics.get(model);
    if (list == null) {
      throw new IllegalArgumentException(this + " does not apply to " + model);
    }
    return list;
  }

  /** True for kinds whose effect is that the device stops reporting. */
  public boolean silences() {
    return this == POWER_LOSS || this == REGION_OUTAGE;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
