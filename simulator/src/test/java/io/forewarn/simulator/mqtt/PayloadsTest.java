package io.forewarn.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.telemetry.Decoded;
import io.forewarn.common.telemetry.MetricValue;
import io.forewarn.common.telemetry.PayloadLimits;
import io.forewarn.common.telemetry.TelemetryDecoder;
import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fault.FaultPlanner;
import io.forewarn.simulator.fault.FaultSettings;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.fleet.FleetGenerator;
import io.forewarn.simulator.fleet.FleetSpec;
import io.forewarn.simulator.fleet.ProductModel;
import io.forewarn.simulator.fleet.Region;
import io.forewarn.simulator.physics.DeviceRuntime;
import io.forewarn.simulator.physics.Reading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  private final TelemetryDecoder decoder = new TelemetryDecoder(PayloadLimits.DEFAULTS);

  @Test
  void every_models_telemetry_passes_the_gateway_decoder_with_all_metrics() {
    // GIVEN a fleet with faults, simulated for a day
    Fleet fleet = new FleetGenerator(Region.catalogue()).generate(new FleetSpec(8, 300, null));
    Instant start = Instant.parse("2026-02-01T00:00:00Z");
    FaultPlan plan = new FaultPlanner(8, FaultSettings.DEFAULTS).plan(fleet, Region.catalogue(), start,
        start.plus(Duration.ofDays(1)));
    java.util.EnumSet<ProductModel> seen = java.util.EnumSet.noneOf(ProductModel.class);
    int checked = 0;
    for (Device d : fleet.devices()) {
      DeviceRuntime runtime = new DeviceRuntime(d, plan.forDevice(d.index()), start.toEpochMilli());
      while (runtime.nextTs() < start.plus(Duration.ofDays(1)).toEpochMilli()) {
        Reading r = runtime.advance();
        if (!r.reported()) {
          continue;
        }
        // WHEN its payload is decoded the way the gateway does, a minute after the sample
        byte[] payload = Payloads.telemetry(r.epochMillis(), d.model().metrics(), r.values());
        Decoded decoded = decoder.decode(Payloads.telemetryTopic(d.externalId()), payload,
            Instant.ofEpochMilli(r.epochMillis()).plusSeconds(60));
        // THEN it is accepted whole: same timestamp, every metric the report carries, same values
        assertThat(decoded).as(new String(payload)).isInstanceOf(Decoded.Telemetry.class);
        Decoded.Telemetry t = (Decoded.Telemetry) decoded;
        assertThat(t.dropped()).isEmpty();
        assertThat(t.samples()).hasSize(1);
        assertThat(t.samples().getFirst().ts()).isEqualTo(Instant.ofEpochMilli(r.epochMillis()));
        var metrics = t.samples().getFirst().metrics();
        assertThat(metrics).hasSize((int) java.util.Arrays.stream(r.values()).filter(v -> !Double.isNaN(v)).count());
        for (int i = 0; i < metrics.size(); i++) {
          MetricValue m = metrics.get(i);
          int index = d.model().index(m.name());
          assertThat(index).isNotNegative();
          assertThat(m.value()).isEqualTo(r.values()[index]);
        }
        seen.add(d.model());
        checked++;
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(ProductModel.values());
    assertThat(checked).isGreaterThan(10_000);
  }

  @Test
  void a_metric_left_out_of_a_report_is_left_out_of_the_payload() {
    // GIVEN a boiler report without a flame signal (the burner did not fire since the last report)
    var metrics = ProductModel.BOILER.metrics();
    double[] values = {45.2, 38.0, 1.42, 1200, 3, Double.NaN};
    // WHEN it is written and decoded the way the gateway does
    byte[] payload = Payloads.telemetry(1_795_428_000_000L, metrics, values);
    Decoded decoded = decoder.decode(Payloads.telemetryTopic("s1-gb-000001"), payload,
        Instant.ofEpochMilli(1_795_428_000_000L));
    // THEN the other five metrics are stored and nothing is dropped or rejected
    assertThat(new String(payload)).doesNotContain("flame_signal_ua");
    assertThat(decoded).isInstanceOfSatisfying(Decoded.Telemetry.class, t -> {
      assertThat(t.dropped()).isEmpty();
      assertThat(t.samples().getFirst().metrics()).extracting(MetricValue::name)
          .containsExactlyInAnyOrder("flow_temp_c", "return_temp_c", "pressure_bar", "burner_starts", "flame_failures");
    });
  }

  @Test
  void status_payloads_are_accepted_as_online_and_offline() {
    // GIVEN status changes stamped an hour before they are received (accelerated mode)
    Instant now = Instant.parse("2026-02-01T00:00:00Z");
    long at = now.minusSeconds(3600).toEpochMilli();
    Decoded on = decoder.decode(Payloads.statusTopic("s1-cpe-000001"), Payloads.status(true, at, "started"), now);
    Decoded off = decoder.decode(Payloads.statusTopic("s1-cpe-000001"),
        Payloads.status(false, at, "simulated power_loss"), now);
    // THEN the gateway reads the state, the simulated time and the reason
    assertThat(on).isInstanceOfSatisfying(Decoded.Status.class, s -> {
      assertThat(s.online()).isTrue();
      assertThat(s.ts()).isEqualTo(Instant.ofEpochMilli(at));
    });
    assertThat(off).isInstanceOfSatisfying(Decoded.Status.class, s -> {
      assertThat(s.online()).isFalse();
      assertThat(s.reason()).isEqualTo("simulated power_loss");
    });
  }

  @Test
  void load_payloads_with_synthetic_metrics_are_accepted() {
    String[] names = {"a_1", "b_2", "c_3"};
    byte[] payload = Payloads.telemetry(1_795_428_000_000L, names, new double[] {1.25, -3, 1e-4});
    Decoded decoded = decoder.decode("devices/load-1/telemetry", payload, Instant.ofEpochMilli(1_795_428_000_000L));
    assertThat(decoded).isInstanceOf(Decoded.Telemetry.class);
    assertThat(((Decoded.Telemetry) decoded).metricCount()).isEqualTo(3);
  }
}
