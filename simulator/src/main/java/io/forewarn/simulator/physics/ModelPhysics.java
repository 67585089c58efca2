package io.forewarn.simulator.physics;

import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Rng;

/**
 * How one product model's metrics behave. An instance belongs to one device: it holds the device's
 * traits (drawn once from its trait seed) and its cumulative counters.
 */
interface ModelPhysics {
  /** Fills {@code out} (in the model's metric order) with the values at this instant. */
  void fill(SampleContext c, FaultShape fault, double[] out);

  /** Called when the device reports again after a silence (power back): most models do nothing. */
  default void powerCycled() {}

  static ModelPhysics create(Device device, double daysInstalled) {
    Rng traits = new Rng(device.traitSeed());
    return switch (device.model()) {
      case ROUTER -> new RouterPhysics(traits, daysInstalled);
      case BOILER -> new BoilerPhysics(traits, daysInstalled);
      case HEAT_PUMP -> new HeatPumpPhysics(traits, daysInstalled);
    };
  }
}
