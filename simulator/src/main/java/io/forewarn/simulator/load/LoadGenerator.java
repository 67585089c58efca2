package io.forewarn.simulator.load;

import io.forewarn.simulator.mqtt.LeanConnections;
import io.forewarn.simulator.mqtt.MqttConnections;
import io.forewarn.simulator.mqtt.PublishChannels;
import io.forewarn.simulator.mqtt.PublishCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Open-loop MQTT load at target rates, QoS 1, over several connections. Used from the CLI
 * ({@code load} mode) and in-process by the benchmark harness:
 *
 * <pre>
 * var config = LoadConfig.of("tcp://127.0.0.1:1883", List.of(new RateStep(5000, Duration.ofSeconds(120))));
 * List&lt;StepResult&gt; steps = new LoadGenerator(config, Clock.systemUTC()).run(new AtomicBoolean(), s -&gt; {});
 * </pre>
 *
 * Every message is {@code {"ts": <wall-clock publish millis>, "metrics": {...}}} from one of
 * {@code devices} ids, each (device, ts) pair unique, so a benchmark can count rows for zero loss
 * and subtract ts from the stored time for latency.
 */
public final class LoadGenerator {
  private static final List<String> METRIC_NAMES = List.of("rssi_dbm", "snr_db", "packet_loss_pct", "latency_ms",
      "cpu_temp_c", "flow_temp_c", "return_temp_c", "pressure_bar", "power_kw", "temp_c");

  private final LoadConfig config;
  private final Clock clock;

  public LoadGenerator(LoadConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Device ids the load uses, in order; a benchmark can register or count them. */
  public static String deviceId(String prefix, int index) {
    return prefix + "-" + String.format(Locale.ROOT, "%06d", index);
  }

  static String[] metricNames(int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = i < METRIC_NAMES.size() ? METRIC_NAMES.get(i) : String.format(Locale.ROOT, "metric_%03d", i);
    }
    return names;
  }

  /** Runs every step in order; {@code onStep} hears each result as soon as its step has drained. */
  public List<StepResult> run(AtomicBoolean stop, Consumer<StepResult> onStep)
      throws MqttException, InterruptedException {
    PublishCounters counters = new PublishCounters();
    List<StepResult> results = new ArrayList<>();
    try (PublishChannels mqtt = open(counters)) {
      List<LoadWorker> workers = workers(mqtt);
      ExecutorService threads = Executors.newFixedThreadPool(workers.size(), r -> new Thread(r, "load-worker"));
      try {
        for (RateStep step : config.steps()) {
          if (stop.get()) {
            break;
          }
          StepResult result = runStep(step, workers, threads, mqtt, counters, stop);
          results.add(result);
          onStep.accept(result);
        }
      } finally {
        threads.shutdownNow();
      }
    }
    return results;
  }

  private PublishChannels open(PublishCounters counters) throws MqttException {
    if (config.client() == LoadClient.LEAN) {
      try {
        return LeanConnections.open(config.mqttUri(), "forewarn-load", config.connections(), config.maxInFlight(),
            config.login(), counters);
      } catch (java.io.IOException e) {
        throw new MqttException(e);
      }
    }
    return MqttConnections.open(config.mqttUri(), "forewarn-load", config.connections(), config.maxInFlight(),
        config.login(), counters);
  }

  private List<LoadWorker> workers(PublishChannels mqtt) {
    String[] names = metricNames(config.metricsPerMessage());
    List<LoadWorker> workers = new ArrayList<>();
    for (int c = 0; c < mqtt.size(); c++) {
      List<String> ids = new ArrayList<>();
      for (int d = c; d < config.devices(); d += mqtt.size()) {
        ids.add(deviceId(config.devicePrefix(), d));
      }
      workers.add(new LoadWorker(c, mqtt, clock, ids.toArray(String[]::new), names));
    }
    return workers;
  }

  private StepResult runStep(RateStep step, List<LoadWorker> workers, ExecutorService threads, PublishChannels mqtt,
      PublishCounters counters, AtomicBoolean stop) throws InterruptedException {
    long sentBefore = counters.sent();
    long ackedBefore = counters.acked();
    long failedBefore = counters.failed();
    counters.takeLatencies();
    Instant startedAt = clock.instant();
    long t0 = System.nanoTime();
    double perWorker = step.messagesPerSecond() / workers.size();
    List<Future<LoadWorker.Outcome>> futures = new ArrayList<>();
    for (LoadWorker w : workers) {
      futures.add(threads.submit(() -> w.runStep(perWorker, step.duration().toNanos(), stop)));
    }
    long scheduled = 0;
    long sent = 0;
    long maxLag = 0;
    for (Future<LoadWorker.Outcome> f : futures) {
      try {
        LoadWorker.Outcome o = f.get();
        scheduled += o.scheduled();
        sent += o.sent();
        maxLag = Math.max(maxLag, o.maxLagNanos());
      } catch (ExecutionException e) {
        throw new IllegalStateException("load worker failed", e.getCause());
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
    long drainDeadline = System.nanoTime() + config.drainTimeout().toNanos();
    while (mqtt.inFlight() > 0 && System.nanoTime() < drainDeadline) {
      Thread.sleep(5);
    }
    Histogram latencies = counters.takeLatencies();
    return new StepResult(step.messagesPerSecond(), startedAt, elapsed, scheduled, counters.sent() - sentBefore,
        counters.acked() - ackedBefore, counters.failed() - failedBefore, scheduled - sent,
        Duration.ofNanos(maxLag).toMillis(), latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99),
        latencies.getMaxValue());
  }
}
