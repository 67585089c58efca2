package io.forewarn.simulator.fault;

import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.ProductModel;
import io.forewarn.simulator.fleet.Region;
import io.forewarn.simulator.fleet.Rng;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the faults of a run from the seed. Times are fractions of the simulated window, so the
 * same plan shape fits a two-hour live demo and a 90-day history: a degradation's lead time is
 * 8-25 % of the window (capped by {@link FaultKind#maxLead()}, at least ten minutes) and its
 * failure always falls inside the window, so an evaluation sees every failure it is scored on.
 */
public final class FaultPlanner {
  /** The firmware whose devices degrade together when a cohort is planned. */
  static final Map<ProductModel, String> COHORT_FIRMWARE = Map.of(
      ProductModel.ROUTER, "3.4.0", ProductModel.BOILER, "1.9.2", ProductModel.HEAT_PUMP, "2.1.0");
  private static final Duration MIN_LEAD = Duration.ofMinutes(10);

  private final long seed;
  private final FaultSettings settings;

  public FaultPlanner(long seed, FaultSettings settings) {
    this.seed = seed;
    this.settings = settings;
  }

  public FaultPlan plan(Fleet fleet, List<Region> regions, Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("window must not be empty");
    }
    Window w = new Window(start.toEpochMilli(), end.toEpochMilli());
    List<Fault> faults = new ArrayList<>();
    ProductModel cohortModel = null;
    long cohortOnset = 0;
    if (settings.firmwareCohort()) {
      Rng rng = new Rng(Rng.mix(seed, Rng.key("cohort")));
      cohortModel = ProductModel.values()[rng.nextInt(ProductModel.values().length)];
      cohortOnset = w.at(rng.uniform(0.1, 0.4));
    }
    for (Device d : fleet.devices()) {
      Rng rng = new Rng(Rng.mix(seed, Rng.key("fault"), d.index()));
      if (d.model() == cohortModel && d.firmware().equals(COHORT_FIRMWARE.get(cohortModel))) {
        faults.add(cohort(d, rng, w, cohortOnset));
      } else if (rng.chance(settings.faultFraction())) {
        faults.add(individual(d, rng, w));
      } else if (rng.chance(settings.noisyFraction() / Math.max(1e-9, 1 - settings.faultFraction()))) {
        faults.add(new Fault(d.index(), d.externalId(), FaultKind.NOISY_HEALTHY, Instant.ofEpochMilli(w.start), null,
            null, FaultKind.NOISY_HEALTHY.affectedMetrics(d.model()), "3x noise, 5x glitches"));
      }
    }
    faults.addAll(outages(fleet, regions, w));
    return new FaultPlan(start, end, faults);
  }

  private Fault individual(Device d, Rng rng, Window w) {
    double category = rng.nextDouble();
    if (category < 0.60) {
      List<FaultKind> kinds = List.of(FaultKind.values()).stream()
          .filter(k -> k.predictable() && k != FaultKind.FIRMWARE_COHORT && k.appliesTo(d.model())).toList();
      FaultKind kind = kinds.get(rng.nextInt(kinds.size()));
      long lead = w.lead(kind, rng.uniform(0.08, 0.25));
      long onset = w.start + (long) (rng.nextDouble() * Math.max(1, w.length() - lead - w.length() / 50));
      return degradation(d, kind, onset, onset + lead, w.repair(rng), "");
    }
    if (category < 0.75) {
      long at = w.at(rng.uniform(0.05, 0.95));
      return new Fault(d.index(), d.externalId(), FaultKind.SUDDEN_FAILURE, Instant.ofEpochMilli(at),
          Instant.ofEpochMilli(at), Instant.ofEpochMilli(at + w.repair(rng)),
          FaultKind.SUDDEN_FAILURE.affectedMetrics(d.model()), "");
    }
    long at = w.at(rng.uniform(0.02, 0.95));
    long outage = w.scaled(rng.uniform(0.005, 0.03), Duration.ofMinutes(2), Duration.ofDays(3));
    return new Fault(d.index(), d.externalId(), FaultKind.POWER_LOSS, Instant.ofEpochMilli(at),
        Instant.ofEpochMilli(at), Instant.ofEpochMilli(at + outage), FaultKind.POWER_LOSS.affectedMetrics(d.model()),
        "power restored after " + Duration.ofMillis(outage).toMinutes() + " min");
  }

  private Fault cohort(Device d, Rng rng, Window w, long onset) {
    long lead = (long) (w.lead(FaultKind.FIRMWARE_COHORT, 0.2) * rng.uniform(0.8, 1.2));
    long failure = Math.min(onset + lead, w.end - 1);
    return degradation(d, FaultKind.FIRMWARE_COHORT, onset, failure, w.repair(rng),
        "firmware " + d.firmware() + " cohort");
  }

  private static Fault degradation(Device d, FaultKind kind, long onset, long failure, long repair, String detail) {
    return new Fault(d.index(), d.externalId(), kind, Instant.ofEpochMilli(onset), Instant.ofEpochMilli(failure),
        Instant.ofEpochMilli(failure + repair), kind.affectedMetrics(d.model()), detail);
  }

  private List<Fault> outages(Fleet fleet, List<Region> regions, Window w) {
    List<Fault> faults = new ArrayList<>();
    double[] shares = regions.stream().mapToDouble(Region::share).toArray();
    for (int i = 0; i < settings.regionOutages(); i++) {
      Rng rng = new Rng(Rng.mix(seed, Rng.key("outage"), i));
      Region region = regions.get(rng.weighted(shares));
      long onset = w.at(rng.uniform(0.1, 0.85));
      long length = w.scaled(rng.uniform(0.005, 0.02), Duration.ofMinutes(3), Duration.ofHours(8));
      for (Device d : fleet.devices()) {
        if (d.region().equals(region)) {
          faults.add(new Fault(d.index(), d.externalId(), FaultKind.REGION_OUTAGE, Instant.ofEpochMilli(onset),
              Instant.ofEpochMilli(onset), Instant.ofEpochMilli(onset + length),
              FaultKind.REGION_OUTAGE.affectedMetrics(d.model()), "region " + region.name() + " outage #" + i));
        }
      }
    }
    return faults;
  }

  /** The simulated window, in epoch milliseconds. */
  private record Window(long start, long end) {
    long length() {
      return end - start;
    }

    long at(double fraction) {
      return start + (long) (fraction * length());
    }

    long scaled(double fraction, Duration min, Duration max) {
      return Math.max(min.toMillis(), Math.min(max.toMillis(), (long) (fraction * length())));
    }

    long lead(FaultKind kind, double fraction) {
      return Math.min(scaled(fraction, MIN_LEAD, kind.maxLead()), length() * 9 / 10);
    }

    /** How long until a technician has fixed a failed device. */
    long repair(Rng rng) {
      return scaled(rng.uniform(0.02, 0.06), Duration.ofMinutes(5), Duration.ofDays(4));
    }
  }
}
