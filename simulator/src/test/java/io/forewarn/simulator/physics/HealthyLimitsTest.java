package io.forewarn.simulator.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Device;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthyLimitsTest {

  @Test
  void noisy_healthy_devices_never_cross_a_failure_limit() {
    // GIVEN 150 devices of every model, each noisy (3x noise, 5x glitches), over the coldest
    // and the warmest month of the year
    List<Device> devices = Trace.FLEET.devices().subList(0, 150);
    for (String month : List.of("2026-01-01T00:00:00Z", "2026-07-01T00:00:00Z")) {
      Instant start = Instant.parse(month);
      for (Device d : devices) {
        Fault noisy = new Fault(d.index(), d.externalId(), FaultKind.NOISY_HEALTHY, start, null, null,
            FaultKind.NOISY_HEALTHY.affectedMetrics(d.model()), "");
        // WHEN it runs for 31 days
        Trace t = Trace.run(d, List.of(noisy), start, Duration.ofDays(31));
        // THEN no sample violates any limit of its model
        assertThat(t.firstViolation()).as(d.externalId() + " in " + month).isNull();
      }
    }
  }

  @Test
  void noisy_devices_are_noisier_than_quiet_ones() {
    Device d = Trace.first(io.forewarn.simulator.fleet.ProductModel.ROUTER, 0);
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    Fault noisy = new Fault(d.index(), d.externalId(), FaultKind.NOISY_HEALTHY, start, null, null, List.of(), "");
    double quiet = spread(Trace.run(d, List.of(), start, Duration.ofDays(5)));
    double loud = spread(Trace.run(d, List.of(noisy), start, Duration.ofDays(5)));
    assertThat(loud).isGreaterThan(2 * quiet);
  }

  private static double spread(Trace t) {
    double[] rssi = t.readings().stream().filter(Reading::reported).mapToDouble(r -> r.values()[0]).toArray();
    double mean = java.util.Arrays.stream(rssi).average().orElseThrow();
    return Math.sqrt(java.util.Arrays.stream(rssi).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
  }
}
