package io.forewarn.simulator.stream;

import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultPlan;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.Fleet;
import io.forewarn.simulator.mqtt.MqttConnections;
import io.forewarn.simulator.mqtt.Payloads;
import io.forewarn.simulator.physics.DeviceRuntime;
import io.forewarn.simulator.physics.Reading;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a fleet's readings over MQTT as simulated time passes (live: speed 1; accelerated:
 * faster, catching up with now). Devices wait in a queue ordered by their next report time; a
 * device's status goes {@code offline} at its first silent slot and {@code online} when it
 * reports again, stamped with simulated time.
 */
public final class FleetStreamer {
  private static final Logger LOG = LoggerFactory.getLogger(FleetStreamer.class);
  private static final Duration MAX_NAP = Duration.ofMillis(200);
  /** How long to wait for room in flight before a message is counted as not sent. */
  private static final long PUBLISH_TIMEOUT_MILLIS = 30_000;

  private final Fleet fleet;
  private final FaultPlan plan;
  private final MqttConnections mqtt;
  private final SimClock clock;
  private final StreamStats stats = new StreamStats();

  public FleetStreamer(Fleet fleet, FaultPlan plan, MqttConnections mqtt, SimClock clock) {
    this.fleet = fleet;
    this.plan = plan;
    this.mqtt = mqtt;
    this.clock = clock;
  }

  public StreamStats stats() {
    return stats;
  }

  /** Runs until simulated time reaches the plan's window end or {@code stop} is set. */
  public void run(AtomicBoolean stop) throws InterruptedException {
    long start = plan.windowStart().toEpochMilli();
    long end = plan.windowEnd().toEpochMilli();
    PriorityQueue<DeviceRuntime> due = new PriorityQueue<>(Comparator.comparingLong(DeviceRuntime::nextTs));
    boolean[] offline = new boolean[fleet.size()];
    for (Device d : fleet.devices()) {
      publish(d, Payloads.statusTopic(d.externalId()), Payloads.status(true, start, "simulation started"), true);
      due.add(new DeviceRuntime(d, plan.forDevice(d.index()), start));
    }
    while (!stop.get() && !due.isEmpty()) {
      long simNow = clock.nowMillis();
      stats.simNow.set(Math.min(simNow, end));
      if (simNow >= end && due.peek().nextTs() >= end) {
        break;
      }
      while (!due.isEmpty() && due.peek().nextTs() <= simNow && !stop.get()) {
        DeviceRuntime rt = due.poll();
        handle(rt.advance(), offline);
        if (rt.nextTs() < end) {
          due.add(rt);
        }
      }
      if (!due.isEmpty()) {
        Duration wait = clock.wallDelayUntil(due.peek().nextTs());
        LockSupport.parkNanos(Math.min(wait.toNanos(), MAX_NAP.toNanos()));
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    LOG.info("stream ended at simulated {} ({} samples, {} status messages)",
        java.time.Instant.ofEpochMilli(stats.simNow()), stats.samples(), stats.statuses());
  }

  private void handle(Reading r, boolean[] offline) throws InterruptedException {
    Device d = r.device();
    switch (r.presence()) {
      case SILENT -> {
        stats.silent.increment();
        if (!offline[d.index()]) {
          offline[d.index()] = true;
          publish(d, Payloads.statusTopic(d.externalId()), Payloads.status(false, r.epochMillis(), reason(d, r)), true);
        }
      }
      case SKIPPED -> stats.skipped.increment();
      case REPORTED -> {
        if (offline[d.index()]) {
          offline[d.index()] = false;
          publish(d, Payloads.statusTopic(d.externalId()), Payloads.status(true, r.epochMillis(), "reporting again"),
              true);
        }
        publish(d, Payloads.telemetryTopic(d.externalId()),
            Payloads.telemetry(r.epochMillis(), d.model().metrics(), r.values()), false);
      }
    }
  }

  private String reason(Device d, Reading r) {
    for (Fault f : plan.forDevice(d.index())) {
      if (f.silentAt(r.epochMillis())) {
        return "simulated " + f.kind().label();
      }
    }
    return "simulated silence";
  }

  private void publish(Device d, String topic, byte[] payload, boolean status) throws InterruptedException {
    if (mqtt.publish(d.index() % mqtt.size(), topic, payload, PUBLISH_TIMEOUT_MILLIS)) {
      (status ? stats.statuses : stats.samples).increment();
    } else {
      stats.notSent.increment();
      LOG.warn("[device: {}] no room in flight for {} ms, message not sent", d.externalId(), PUBLISH_TIMEOUT_MILLIS);
    }
  }
}
