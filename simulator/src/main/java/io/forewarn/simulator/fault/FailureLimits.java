package io.forewarn.simulator.fault;

import static io.forewarn.simulator.fault.FailureLimit.Check.ABOVE;
import static io.forewarn.simulator.fault.FailureLimit.Check.BELOW;
import static io.forewarn.simulator.fault.FailureLimit.Check.INCREASE;

import io.forewarn.simulator.fleet.ProductModel;
import java.time.Duration;
import java.util.List;

/**
 * The limits past which a device counts as failed. Healthy devices (noisy ones included) stay
 * inside all of them; every fault kind except silence and noise crosses at least one at its
 * failure time. A device that stops reporting for {@link #SILENCE_INTERVALS} of its intervals is
 * offline, which is how power loss and outages show.
 */
public final class FailureLimits {
  public static final int SILENCE_INTERVALS = 3;
  /** The burner control's flame detection threshold: a flame signal below it counts as no flame (lockout). */
  public static final double FLAME_LOCKOUT_UA = 1.0;
  private static final Duration HOUR = Duration.ofHours(1);

  private static final List<FailureLimit> ALL = List.of(
      new FailureLimit(ProductModel.ROUTER, "rssi_dbm", BELOW, -85, null, "no usable signal"),
      new FailureLimit(ProductModel.ROUTER, "snr_db", BELOW, 10, null, "link too noisy to hold a connection"),
      new FailureLimit(ProductModel.ROUTER, "packet_loss_pct", ABOVE, 5, null, "calls drop, pages stall"),
      new FailureLimit(ProductModel.ROUTER, "latency_ms", ABOVE, 250, null, "internet unusably slow"),
      new FailureLimit(ProductModel.ROUTER, "cpu_temp_c", ABOVE, 95, null, "thermal shutdown"),
      new FailureLimit(ProductModel.ROUTER, "reboots", INCREASE, 3, HOUR, "reboot loop"),
      new FailureLimit(ProductModel.BOILER, "pressure_bar", BELOW, 0.7, null, "low-pressure lockout: no heat"),
      new FailureLimit(ProductModel.BOILER, "pressure_bar", ABOVE, 2.8, null, "relief valve opens"),
      new FailureLimit(ProductModel.BOILER, "flow_temp_c", ABOVE, 88, null, "overheat lockout"),
      new FailureLimit(ProductModel.BOILER, "flame_failures", INCREASE, 3, HOUR, "ignition lockout: no heat"),
      new FailureLimit(ProductModel.BOILER, "flame_signal_ua", BELOW, FLAME_LOCKOUT_UA, null,
          "flame signal at the detection threshold: ignition lockout, no heat"),
      new FailureLimit(ProductModel.HEAT_PUMP, "temp_c", ABOVE, 90, null, "high-temperature trip: no heat"),
      new FailureLimit(ProductModel.HEAT_PUMP, "cop", BELOW, 1.8, null, "house no longer kept warm"),
      new FailureLimit(ProductModel.HEAT_PUMP, "fan_rpm", BELOW, 300, null, "fan stalled"),
      new FailureLimit(ProductModel.HEAT_PUMP, "error_count", INCREASE, 20, HOUR, "controller error storm"));

  private FailureLimits() {}

  public static List<FailureLimit> all() {
    return ALL;
  }

  public static List<FailureLimit> forModel(ProductModel model) {
    return ALL.stream().filter(l -> l.model() == model).toList();
  }
}
