package io.forewarn.simulator.db;

import io.forewarn.simulator.fleet.ProductModel;
import java.util.EnumMap;
import java.util.Map;

/**
 * Database ids of a registered fleet: {@code deviceIds[i]} is {@code devices.id} of device index
 * {@code i}; {@code metricIds} gives each model's metric ids in the model's metric order.
 */
public record RegisteredFleet(int[] deviceIds, Map<ProductModel, short[]> metricIds) {
  public RegisteredFleet {
    deviceIds = deviceIds.clone();
    metricIds = new EnumMap<>(metricIds);
  }

  public int deviceId(int deviceIndex) {
    return deviceIds[deviceIndex];
  }

  public short[] metricIds(ProductModel model) {
    return metricIds.get(model).clone();
  }
}
