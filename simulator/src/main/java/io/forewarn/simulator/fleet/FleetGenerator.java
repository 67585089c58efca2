package io.forewarn.simulator.fleet;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates a fleet from a {@link FleetSpec}. Customer {@code i} and its devices depend only on the
 * seed and {@code i}, so a fleet of 100 devices is the first 100 devices of a fleet of 1 000.
 */
public final class FleetGenerator {
  private static final LocalDate FIRST_INSTALL = LocalDate.of(2020, 1, 1);
  private static final int INSTALL_SPAN_DAYS = 5 * 365;

  private final List<Region> regions;
  private final double[] regionShares;

  public FleetGenerator(List<Region> regions) {
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one region is needed");
    }
    this.regions = List.copyOf(regions);
    this.regionShares = regions.stream().mapToDouble(Region::share).toArray();
  }

  public Fleet generate(FleetSpec spec) {
    List<Customer> customers = new ArrayList<>();
    List<Device> devices = new ArrayList<>(spec.devices());
    for (int c = 0; devices.size() < spec.devices(); c++) {
      Rng rng = new Rng(Rng.mix(spec.seed(), Rng.key("household"), c));
      Region region = regions.get(rng.weighted(regionShares));
      String site = region.sites().get(rng.nextInt(region.sites().size()));
      Customer customer = ContactFactory.customer(spec.seed(), c, region);
      customers.add(customer);
      for (ProductModel model : household(rng)) {
        if (devices.size() == spec.devices()) {
          break;
        }
        devices.add(device(spec, devices.size(), customer, model, region, site));
      }
    }
    return new Fleet(spec, customers, devices);
  }

  /** What one home has: most have a router, most heat with a boiler, some with a heat pump. */
  private static List<ProductModel> household(Rng rng) {
    List<ProductModel> models = new ArrayList<>(3);
    if (rng.chance(0.85)) {
      models.add(ProductModel.ROUTER);
    }
    double heating = rng.nextDouble();
    if (heating < 0.55) {
      models.add(ProductModel.BOILER);
    } else if (heating < 0.85) {
      models.add(ProductModel.HEAT_PUMP);
    }
    if (models.isEmpty()) {
      models.add(ProductModel.ROUTER);
    }
    return models;
  }

  private static Device device(FleetSpec spec, int index, Customer customer, ProductModel model, Region region,
      String site) {
    Rng rng = new Rng(Rng.mix(spec.seed(), Rng.key("device"), index));
    String firmware = model.firmwares().get(rng.weighted(model.firmwareShares()));
    LocalDate installed = FIRST_INSTALL.plusDays(rng.nextInt(INSTALL_SPAN_DAYS));
    Duration interval = spec.interval() != null ? spec.interval() : model.defaultInterval();
    long phase = (long) (rng.nextDouble() * interval.toMillis());
    String externalId = "s" + spec.seed() + "-" + model.idPrefix() + "-" + String.format(Locale.ROOT, "%06d", index);
    return new Device(index, externalId, customer.index(), customer.externalId(), model, firmware, region, site,
        installed, interval, phase, rng.nextLong(), rng.nextLong());
  }
}
