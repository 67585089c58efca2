package io.forewarn.simulator.fleet;

import java.util.List;

/** A generated fleet: customers and their devices, in index order. */
public record Fleet(FleetSpec spec, List<Customer> customers, List<Device> devices) {
  public Fleet {
    customers = List.copyOf(customers);
    devices = List.copyOf(devices);
  }

  public Device device(int index) {
    return devices.get(index);
  }

  public int size() {
    return devices.size();
  }
}
