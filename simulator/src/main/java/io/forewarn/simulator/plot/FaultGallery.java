package io.forewarn.simulator.plot;

import io.forewarn.simulator.fault.FailureLimit;
import io.forewarn.simulator.fault.FailureLimits;
import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.ProductModel;
import io.forewarn.simulator.physics.DeviceRuntime;
import io.forewarn.simulator.physics.Reading;
import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One panel per fault kind worth seeing: a faulty device's metric (hourly means) next to a healthy
 * device of the same model, with onset, failure and the failure limit marked. Runs the same physics
 * as every other mode.
 */
public final class FaultGallery {
  private static final Duration WINDOW = Duration.ofDays(16);
  private static final Duration ONSET = Duration.ofDays(4);
  private static final Duration LEAD = Duration.ofDays(8);
  private static final Duration REPAIR = Duration.ofDays(2);
  private static final long HOUR = 3_600_000L;

  private record Scene(ProductModel model, FaultKind kind, String metric, String title) {}

  private static final List<Scene> SCENES = List.of(
      new Scene(ProductModel.BOILER, FaultKind.PRESSURE_LEAK, "pressure_bar", "Boiler: pressure leak"),
      new Scene(ProductModel.BOILER, FaultKind.RISING_ERROR_RATE, "flame_signal_ua",
          "Boiler: ignition wear -> flame signal"),
      new Scene(ProductModel.HEAT_PUMP, FaultKind.FAN_WEAR, "temp_c", "Heat pump: fan wear -> discharge temperature"),
      new Scene(ProductModel.ROUTER, FaultKind.SIGNAL_DEGRADATION, "snr_db", "Router: signal degradation -> SNR"),
      new Scene(ProductModel.HEAT_PUMP, FaultKind.CAPACITY_FADE, "cop", "Heat pump: refrigerant loss -> COP"),
      new Scene(ProductModel.ROUTER, FaultKind.FIRMWARE_COHORT, "latency_ms", "Router: firmware cohort -> latency"),
      new Scene(ProductModel.ROUTER, FaultKind.SUDDEN_FAILURE, "snr_db", "Router: sudden failure (no precursor)"));

  public List<Panel> panels(Fleet fleet, Instant start) {
    Instant onset = start.plus(ONSET);
    Instant failure = onset.plus(LEAD);
    List<Panel> panels = new ArrayList<>();
    for (Scene scene : SCENES) {
      List<Device> ofModel = fleet.devices().stream().filter(d -> d.model() == scene.model()).limit(2).toList();
      if (ofModel.size() < 2) {
        throw new IllegalArgumentException("the fleet needs two devices of " + scene.model().modelName());
      }
      Device faulty = ofModel.get(0);
      Device healthy = ofModel.get(1);
      boolean sudden = !scene.kind().predictable();
      Instant on = sudden ? failure : onset;
      Fault fault = new Fault(faulty.index(), faulty.externalId(), scene.kind(), on, failure, failure.plus(REPAIR),
          scene.kind().affectedMetrics(faulty.model()), "");
      List<Panel.Marker> markers = new ArrayList<>();
      if (!sudden) {
        markers.add(new Panel.Marker("onset", new Color(230, 140, 0), on.toEpochMilli()));
      }
      markers.add(new Panel.Marker("failure", new Color(200, 0, 0), failure.toEpochMilli()));
      markers.add(new Panel.Marker("repaired", new Color(0, 130, 0), failure.plus(REPAIR).toEpochMilli()));
      List<Panel.Limit> limits = FailureLimits.forModel(scene.model()).stream()
          .filter(l -> l.metric().equals(scene.metric()) && l.check() != FailureLimit.Check.INCREASE)
          .map(l -> new Panel.Limit("failure limit: " + l.describe(), l.threshold())).toList();
      panels.add(new Panel(scene.title() + " (hourly means)", scene.metric(),
          List.of(
              hourly(faulty.externalId() + " (fault)", new Color(20, 90, 200), faulty, List.of(fault), scene.metric(),
                  start),
              hourly(healthy.externalId() + " (healthy)", new Color(150, 150, 150), healthy, List.of(), scene.metric(),
                  start)),
          markers, limits));
    }
    return panels;
  }

  private static Panel.Series hourly(String label, Color color, Device device, List<Fault> faults, String metric,
      Instant start) {
    int index = device.model().index(metric);
    DeviceRuntime runtime = new DeviceRuntime(device, faults, start.toEpochMilli());
    long end = start.plus(WINDOW).toEpochMilli();
    List<long[]> times = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    long bucket = -1;
    double sum = 0;
    int n = 0;
    while (runtime.nextTs() < end) {
      Reading r = runtime.advance();
      if (!r.reported() || Double.isNaN(r.values()[index])) {
        continue;
      }
      long b = r.epochMillis() / HOUR;
      if (b != bucket && n > 0) {
        times.add(new long[] {bucket * HOUR + HOUR / 2});
        means.add(sum / n);
        sum = 0;
        n = 0;
      }
      bucket = b;
      sum += r.values()[index];
      n++;
    }
    if (n > 0) {
      times.add(new long[] {bucket * HOUR + HOUR / 2});
      means.add(sum / n);
    }
    return new Panel.Series(label, color, times.stream().mapToLong(t -> t[0]).toArray(),
        means.stream().mapToDouble(Double::doubleValue).toArray());
  }
}
