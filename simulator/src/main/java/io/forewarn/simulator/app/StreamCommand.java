package io.forewarn.simulator.app;

import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.mqtt.DeviceConnections;
import io.forewarn.simulator.mqtt.MqttConnections;
import io.forewarn.simulator.mqtt.PublishCounters;
import io.forewarn.simulator.stream.FleetStreamer;
import io.forewarn.simulator.stream.SimClock;
import io.forewarn.simulator.stream.StreamStats;
import io.forewarn.simulator.truth.RunInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code live}: the fleet reports in real time for {@code --duration}. {@code accelerated}:
 * simulated time runs {@code --speed} times faster over [now - span, now] and stops when it has
 * caught up with the wall clock (no timestamp is ever ahead of it). With a credential key
 * ({@code --mqtt-key-file}) every device logs in over its own session; without, the devices share
 * {@code --connections} anonymous connections.
 */
final class StreamCommand implements Command {
  private final boolean accelerated;

  StreamCommand(boolean accelerated) {
    this.accelerated = accelerated;
  }

  @Override
  public int run(List<String> args, Env env) throws Exception {
    Set<String> options = new HashSet<>(Scenario.OPTIONS);
    options.addAll(Set.of("mqtt-uri", "mqtt-key-file", "connections", "max-inflight", "progress", "duration", "speed",
        "span"));
    CliOptions o = new CliOptions(args, options, Scenario.FLAGS);
    Scenario scenario = new Scenario(o, accelerated ? 1000 : 200, args);
    int connections = o.intValue("connections", 2);
    int maxInFlight = o.intValue("max-inflight", 100);
    Duration progressEvery = o.duration("progress", Duration.ofSeconds(5));
    Duration duration = o.duration("duration", Duration.ofHours(2));
    double speed = accelerated ? o.doubleValue("speed", 720) : 1;
    Duration span = o.duration("span", Duration.ofDays(30));
    if (accelerated && (speed < 2 || speed > 1_000_000)) {
      o.problem("--speed must be 2..1000000");
    }
    Path keyFile = env.mqttKeyFile(o);
    if (keyFile != null && o.has("connections")) {
      o.problem("--connections does not apply with a credential key: each device has its own connection");
    }
    if (keyFile != null && scenario.devices() > DeviceConnections.MAX_DEVICES) {
      o.problem("with a credential key each device has its own session: at most " + DeviceConnections.MAX_DEVICES
          + " devices (use load mode for more)");
    }
    o.check();

    Instant now = env.clock().instant();
    Instant start = accelerated ? now.minus(span) : now;
    Instant end = accelerated ? now : now.plus(duration);
    Fleet fleet = scenario.fleet();
    FaultPlan plan = scenario.plan(fleet, start, end);
    RunInfo run = scenario.run(accelerated ? "accelerated" : "live", now, start, end);
    env.out().printf(Locale.ROOT, "%s run %s: %d devices, %d faults, simulated %s .. %s%s%n", run.mode(), run.runId(),
        fleet.size(), plan.faults().size(), start, end,
        accelerated ? String.format(Locale.ROOT, " at %.0fx (about %s of wall time)", speed,
            Progress.human(Duration.ofMillis((long) (span.toMillis() / (speed - 1))))) : "");
    PublishCounters counters = new PublishCounters();
    try (TruthRecorder truth = new TruthRecorder(env.dbUrl(o), 2, env.out())) {
      // Registered before the devices log in: provisioning gives credentials to registered devices.
      truth.register(fleet);
      try (MqttConnections mqtt = connect(env, env.mqttUri(o), keyFile, fleet, run.mode(), connections, maxInFlight,
          counters)) {
        truth.record(run, fleet, plan, scenario.truthFile(run));
        SimClock clock = new SimClock(env.clock(), start, speed);
        FleetStreamer streamer = new FleetStreamer(fleet, plan, mqtt, clock);
        long t0 = System.nanoTime();
        try (Progress progress = new Progress(env.out(), progressEvery,
            () -> line(streamer.stats(), counters, start, end, t0))) {
          streamer.run(env.stop());
        }
        drain(mqtt);
        String summary = summary(streamer.stats(), counters, t0, env.stop().get());
        env.out().println(summary);
        truth.finish(run, streamer.stats().samples(), summary);
        return counters.failed() == 0 && streamer.stats().notSent() == 0 ? 0 : 1;
      }
    }
  }

  /** Per-device sessions with a credential key, else a few shared anonymous connections. */
  private static MqttConnections connect(Env env, String uri, Path keyFile, Fleet fleet, String mode, int connections,
      int maxInFlight, PublishCounters counters) throws Exception {
    if (keyFile == null) {
      env.out().printf("publishing over %d shared anonymous connections to %s%n", connections, uri);
      return MqttConnections.open(uri, "forewarn-sim-" + mode, connections, maxInFlight, null, counters);
    }
    MqttConnections devices = DeviceConnections.open(uri, BrokerLogins.from(keyFile).devices(fleet), maxInFlight,
        counters);
    env.out().printf("publishing as each device: %d sessions to %s, each logged in with its own password%n",
        fleet.size(), uri);
    return devices;
  }

  /** Waits (bounded) for outstanding PUBACKs so the summary counts them. */
  private static void drain(MqttConnections mqtt) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (mqtt.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static String line(StreamStats s, PublishCounters c, Instant start, Instant end, long t0) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
    double fraction = (s.simNow() - start.toEpochMilli())
        / (double) Math.max(1, end.toEpochMilli() - start.toEpochMilli());
    return String.format(Locale.ROOT,
        "sim %s (%.1f%%) | %d samples, %d status | acked %d, failed %d | %.0f msg/s | ETA %s",
        Instant.ofEpochMilli(s.simNow()), 100 * Math.max(0, fraction), s.samples(), s.statuses(), c.acked(),
        c.failed(), c.sent() / Math.max(0.001, elapsed.toNanos() / 1e9), Progress.eta(elapsed, fraction));
  }

  private static String summary(StreamStats s, PublishCounters c, long t0, boolean stopped) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
    return String.format(Locale.ROOT,
        "%s after %s: telemetry %d, status %d, sent %d, acked %d, failed %d, not sent %d, skipped (glitch) %d, "
            + "silent slots %d, simulated up to %s",
        stopped ? "stopped" : "finished", Progress.human(elapsed), s.samples(), s.statuses(), c.sent(), c.acked(),
        c.failed(), s.notSent(), s.skipped(), s.silent(), Instant.ofEpochMilli(s.simNow()));
  }
}
