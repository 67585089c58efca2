package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.Fault;
import io.forewarn.simulator.fault.FaultKind;
import io.forewarn.simulator.fleet.Device;
import io.forewarn.simulator.fleet.MetricSpec;
import io.forewarn.simulator.fleet.Rng;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * One device being simulated forward in time, slot by slot. Slot {@code k} reports at
 * {@code k * interval + phase + jitter(k)} with jitter under 15 % of the interval, so report times
 * are strictly increasing and unique per device, and the same slot gives the same values whichever
 * mode asks. Not thread-safe: one thread drives a runtime.
 */
public final class DeviceRuntime {
  private static final double JITTER_SHARE = 0.15;
  private static final double SKIP_PROBABILITY = 0.003;
  private static final double GLITCH_PROBABILITY = 0.002;
  private static final double NOISY_FACTOR = 3;
  private static final long DAY_MS = 86_400_000L;

  private final Device device;
  private final List<Fault> faults;
  private final ModelPhysics physics;
  private final ZoneRules zone;
  private final long intervalMs;
  private final double hours;
  private final double noise;
  private final double glitchProbability;
  private final double[] scale;
  private long slot;
  private long nextTs;
  private boolean wasSilent;

  /** Starts at the first slot at or after {@code startMillis}. */
  public DeviceRuntime(Device device, List<Fault> faults, long startMillis) {
    this.device = device;
    this.faults = List.copyOf(faults);
    this.zone = device.region().zone().getRules();
    this.intervalMs = device.interval().toMillis();
    this.hours = intervalMs / 3_600_000.0;
    boolean noisy = this.faults.stream().anyMatch(f -> f.kind() == FaultKind.NOISY_HEALTHY);
    this.noise = noisy ? NOISY_FACTOR : 1;
    this.glitchProbability = noisy ? GLITCH_PROBABILITY * 5 : GLITCH_PROBABILITY;
    List<MetricSpec> metrics = device.model().metrics();
    this.scale = new double[metrics.size()];
    for (int i = 0; i < scale.length; i++) {
      scale[i] = Math.pow(10, metrics.get(i).decimals());
    }
    long installed = device.installedAt().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    this.physics = ModelPhysics.create(device, Math.max(0, startMillis - installed) / (double) DAY_MS);
    this.slot = Math.floorDiv(startMillis - device.phaseMillis(), intervalMs) - 1;
    this.nextTs = slotTime(slot);
    while (nextTs < startMillis) {
      slot++;
      nextTs = slotTime(slot);
    }
  }

  public Device device() {
    return device;
  }

  /** When the next report is due (epoch milliseconds). */
  public long nextTs() {
    return nextTs;
  }

  /** Produces the reading of the current slot and moves to the next one. */
  public Reading advance() {
    long ts = nextTs;
    Rng rng = new Rng(Rng.mix(device.noiseSeed(), slot));
    rng.nextDouble(); // the jitter draw, already used by slotTime
    slot++;
    nextTs = slotTime(slot);
    if (silent(ts)) {
      wasSilent = true;
      return new Reading(device, ts, Reading.Presence.SILENT, null);
    }
    if (wasSilent) {
      physics.powerCycled();
      wasSilent = false;
    }
    SampleContext context = context(ts, rng);
    double[] values = new double[scale.length];
    physics.fill(context, shape(ts), values);
    for (int i = 0; i < values.length; i++) {
      // NaN is a metric left out of this report (Reading); Math.round would turn it into 0.
      values[i] = Double.isNaN(values[i]) ? Double.NaN : Math.round(values[i] * scale[i]) / scale[i];
    }
    // The skip is decided after the physics ran so counters keep counting through a missed report.
    if (rng.chance(SKIP_PROBABILITY)) {
      return new Reading(device, ts, Reading.Presence.SKIPPED, null);
    }
    return new Reading(device, ts, Reading.Presence.REPORTED, values);
  }

  private long slotTime(long k) {
    double jitter = new Rng(Rng.mix(device.noiseSeed(), k)).nextDouble() * JITTER_SHARE * intervalMs;
    return k * intervalMs + device.phaseMillis() + (long) jitter;
  }

  private boolean silent(long ts) {
    for (Fault f : faults) {
      if (f.silentAt(ts)) {
        return true;
      }
    }
    return false;
  }

  private FaultShape shape(long ts) {
    for (Fault f : faults) {
      if (!f.kind().silences() && f.kind() != FaultKind.NOISY_HEALTHY) {
        double p = f.progress(ts);
        if (!Double.isNaN(p)) {
          return new FaultShape(f.kind(), p);
        }
      }
    }
    return FaultShape.NONE;
  }

  private SampleContext context(long ts, Rng rng) {
    int offsetSeconds = zone.getOffset(Instant.ofEpochMilli(ts)).getTotalSeconds();
    long local = ts + offsetSeconds * 1000L;
    double localHour = Math.floorMod(local, DAY_MS) / 3_600_000.0;
    int dayOfWeek = (int) Math.floorMod(Math.floorDiv(local, DAY_MS) + 3, 7L); // 1970-01-01 was a Thursday
    double outdoor = Weather.outdoorTempC(device.region(), ts, localHour);
    return new SampleContext(ts, localHour, dayOfWeek >= 5, outdoor, hours, noise, rng.chance(glitchProbability), rng);
  }
}
