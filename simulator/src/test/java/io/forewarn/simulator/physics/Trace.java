package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fault.FailureLimit;
import io.forewarn.simulator.fault.LimitWatch;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetGenerator;
import io.forewarn.simulator.fleet.FleetSpec;
import io.forewarn.simulator.fleet.ProductModel;
import io.forewarn.simulator.fleet.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test helper: runs one device through a window and keeps what it reported. */
record Trace(Device device, List<Reading> readings) {
  static final Fleet FLEET = new FleetGenerator(Region.catalogue()).generate(new FleetSpec(99, 400, null));

  static Device first(ProductModel model, int skip) {
    return FLEET.devices().stream().filter(d -> d.model() == model).skip(skip).findFirst().orElseThrow();
  }

  static Fault fault(Device d, FaultKind kind, Instant onset, Instant failure, Instant ends) {
    return new Fault(d.index(), d.externalId(), kind, onset, failure, ends, kind.affectedMetrics(d.model()), "");
  }

  static Trace run(Device device, List<Fault> faults, Instant start, Duration length) {
    DeviceRuntime runtime = new DeviceRuntime(device, faults, start.toEpochMilli());
    long end = start.plus(length).toEpochMilli();
    List<Reading> readings = new ArrayList<>();
    while (runtime.nextTs() < end) {
      readings.add(runtime.advance());
    }
    return new Trace(device, readings);
  }

  /** Mean of a metric over the reports in [from, to) that carry it. */
  double mean(String metric, Instant from, Instant to) {
    int i = device.model().index(metric);
    return reported(from, to).stream().mapToDouble(r -> r.values()[i]).filter(v -> !Double.isNaN(v))
        .average().orElseThrow();
  }

  double last(String metric, Instant before) {
    int i = device.model().index(metric);
    return reported(Instant.EPOCH, before).getLast().values()[i];
  }

  List<Reading> reported(Instant from, Instant to) {
    return readings.stream().filter(Reading::reported)
        .filter(r -> r.epochMillis() >= from.toEpochMilli() && r.epochMillis() < to.toEpochMilli()).toList();
  }

  /** The first sample violating a failure limit, or null. */
  Reading firstViolation() {
    LimitWatch watch = new LimitWatch(device.model());
    for (Reading r : readings) {
      if (r.reported()) {
        FailureLimit hit = watch.check(r.epochMillis(), r.values());
        if (hit != null) {
          return r;
        }
      }
    }
    return null;
  }
}
