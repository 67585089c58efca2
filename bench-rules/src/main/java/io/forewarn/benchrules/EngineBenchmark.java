package io.forewarn.benchrules;

import io.forewarn.rules.engine.DeviceInfo;
import io.forewarn.rules.engine.Engine;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples per second through the whole engine with the shipped rules: 100 healthy routers reporting
 * every 15 minutes, six metrics each, so one sample is judged by the router's eleven metric rules
 * (thresholds, forecasts, drifts, seasonal drifts, the counter) plus its incident machines and the
 * fleet correlation. Multiply by 11 for rule evaluations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
  static final int DEVICES = 100;
  static final int BATCH = 1000;

  private Engine engine;
  private double[] rssi;
  private double[] snr;
  private double[] loss;
  private double[] latency;
  private double[] cpu;
  private long ts;
  private int device;
  private int at;

  @Setup
  public void setUp() {
    RuleSet rules = new RuleFileLoader(ProductCatalog.standard()).loadDefault();
    List<DeviceInfo> fleet = new ArrayList<>();
    for (int i = 1; i <= DEVICES; i++) {
      fleet.add(new DeviceInfo(i, "cpe-" + i, (long) i, "cpe-hr300", "3.3.1", "de-ber", "ber-" + (i % 5),
          ZoneId.of("Europe/Berlin")));
    }
    engine = new Engine(rules, ProductCatalog.standard(), fleet);
    rssi = Series.values(-60, 0.5, 1.0, 3);
    snr = Series.values(33, 1.0, 0.8, 4);
    loss = Series.values(0.4, 0.2, 0.05, 5);
    latency = Series.values(30, 10, 4, 6);
    cpu = Series.values(54, 3, 1.0, 7);
    ts = Series.START;
    for (int i = 0; i < 7 * 96 * DEVICES; i++) {
      engine.onSample(nextDevice(), ts, sample());
    }
  }

  private int nextDevice() {
    device++;
    if (device > DEVICES) {
      device = 1;
      ts += Series.STEP_MILLIS;
      at = (at + 1) & (Series.LENGTH - 1);
    }
    return device;
  }

  private Map<String, Double> sample() {
    int k = (at + device * 97) & (Series.LENGTH - 1);
    return Map.of("rssi_dbm", rssi[k], "snr_db", snr[k], "packet_loss_pct", loss[k], "latency_ms", latency[k],
        "cpu_temp_c", cpu[k], "reboots", 3.0);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void routerSample(Blackhole bh) {
    for (int i = 0; i < BATCH; i++) {
      int d = nextDevice();
      bh.consume(engine.onSample(d, ts + d, sample()));
    }
  }
}
