package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.ruleset.Detector;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleSet;
import io.forewarn.rules.ruleset.RuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates every rule of every device, sample by sample, and on clock ticks. Pure: time comes from
 * the samples and from the {@code now} handed to {@link #tick}, never from a clock of its own.
 *
 * <p>Late data: a sample not newer than the device's last evaluated one is skipped by every rule
 * (windows, trends and CUSUMs assume time moves forward) and counted in {@link EngineStats#lateSamples()};
 * it is still stored by the gateway and visible in history. Pending incidents live only here: an
 * incident is written when it fires ({@code opened_at} = when its condition began).
 */
public final class Engine {
  private final ProductCatalog catalog;
  private final Map<Integer, DeviceState> devices = new HashMap<>();
  private final Map<String, Incident> open = new LinkedHashMap<>();
  private RuleSet rules;
  private IncidentFactory factory;
  private FleetCorrelator fleet;
  private CohortMonitor cohorts;
  private final EngineStats stats;
  private List<Suppression> suppressions = List.of();
  private long latestSampleTs = Long.MIN_VALUE;

  public Engine(RuleSet rules, ProductCatalog catalog, Collection<DeviceInfo> fleetDevices) {
    this(rules, catalog, fleetDevices, new EngineStats());
  }

  /** With counters that outlive this engine (the service rebuilds engines after a failed cycle). */
  public Engine(RuleSet rules, ProductCatalog catalog, Collection<DeviceInfo> fleetDevices, EngineStats stats) {
    this.rules = rules;
    this.stats = stats;
    this.catalog = catalog;
    this.factory = new IncidentFactory(rules.version());
    this.fleet = new FleetCorrelator(rules.fleet(), fleetDevices);
    this.cohorts = new CohortMonitor(rules, fleetDevices);
    for (DeviceInfo d : fleetDevices) {
      devices.put(d.id(), newDevice(d));
    }
  }

  private DeviceState newDevice(DeviceInfo d) {
    var interval = catalog.intervals().get(d.model());
    DeviceState s = new DeviceState(d, interval == null ? 300_000 : interval.toMillis());
    for (RuleSpec spec : rules.forModel(d.model())) {
      s.rules.put(spec.qualifiedId(), new RuleInstance(spec, d.zone(), null));
    }
    return s;
  }

  /**
   * Swaps in another rule set (between cycles; docs/rules.md "Rule sets"). A rule whose definition is
   * unchanged keeps its instance and so its detector state; one whose definition changed keeps its
   * incident machine and starts its detector afresh ({@link RuleInstance}); a new rule starts afresh;
   * open incidents of rules that are gone are resolved ({@link #retireOrphans}). New incidents carry
   * the new version. Returns the transitions to store.
   */
  public List<Transition> reload(RuleSet next, long now) {
    rules = next;
    factory = new IncidentFactory(next.version());
    List<DeviceInfo> infos = devices.values().stream().map(d -> d.info).toList();
    fleet = new FleetCorrelator(next.fleet(), infos);
    fleet.restore(open.values());
    cohorts = cohorts.carriedTo(next, infos);
    for (DeviceState d : devices.values()) {
      Map<String, RuleInstance> before = new LinkedHashMap<>(d.rules);
      d.rules.clear();
      for (RuleSpec spec : next.forModel(d.info.model())) {
        RuleInstance prev = before.get(spec.qualifiedId());
        RuleInstance carried = prev == null ? new RuleInstance(spec, d.info.zone(), null)
            : prev.carriedTo(spec, d.info.zone());
        d.rules.put(spec.qualifiedId(), carried);
        d.dirty |= carried != prev;
      }
      d.dirty |= !d.rules.keySet().containsAll(before.keySet());
    }
    return retireOrphans(now);
  }

  /**
   * Resolves the open device incidents whose rule is not in the rule set (removed, or its model's
   * rules gone): nothing judges them any more. Told like any resolution, with reason
   * {@link Transition#RULE_REMOVED}. At load too, so a rule set swapped in while the service was
   * down (or before a failed cycle) leaves no orphan open.
   */
  public List<Transition> retireOrphans(long now) {
    Set<String> ruleIds = new HashSet<>();
    rules.rulesByModel().values().forEach(specs -> specs.forEach(s -> ruleIds.add(s.qualifiedId())));
    List<Transition> out = new ArrayList<>();
    Instant at = Instant.ofEpochMilli(now);
    for (Iterator<Incident> it = open.values().iterator(); it.hasNext();) {
      Incident i = it.next();
      if (Incident.DEVICE_PROBLEM.equals(i.kind()) && !ruleIds.contains(i.ruleId())) {
        it.remove();
        boolean told = i.suppressedUntil() == null && i.parentFingerprint() == null;
        out.add(new Transition(Transition.Type.RESOLVED, i.resolved(at), told, Transition.RULE_REMOVED));
      }
    }
    return out.isEmpty() ? out : finish(now, out);
  }

  /** The rule set this engine judges by. */
  public RuleSet rules() {
    return rules;
  }

  public void setSuppressions(List<Suppression> active) {
    this.suppressions = List.copyOf(active);
  }

  private static final long NO_BUCKET = Long.MAX_VALUE;

  /** One stored sample: metric name -> value. */
  public List<Transition> onSample(int deviceId, long ts, Map<String, Double> values) {
    DeviceState d = devices.get(deviceId);
    if (d == null) {
      stats.unknownDevices++;
      return List.of();
    }
    if (ts <= d.lastTs) {
      stats.lateSamples++;
      return List.of();
    }
    if (d.lastTs != Long.MIN_VALUE) {
      d.learnGap(ts - d.lastTs, d.samples == 1);
    }
    d.samples++;
    d.lastTs = ts;
    latestSampleTs = Math.max(latestSampleTs, ts);
    d.offline = false;
    d.dirty = true;
    long bucket = NO_BUCKET; // worked out only for a device that feeds the firmware comparison
    List<Transition> out = new ArrayList<>();
    for (RuleInstance r : d.rules.values()) {
      if (r.cohortShare != null) {
        if (bucket == NO_BUCKET) {
          cohorts.advance(ts); // judge a due bucket before shares of the next one come in
          bucket = cohorts.bucketOf(ts);
        }
        // Any sample of the device closes its share of the last bucket, with the metric or without.
        CohortShare.Done done = bucket == CohortShare.NONE ? null : r.cohortShare.roll(bucket);
        if (done != null) {
          cohorts.contribute(d.info, r.spec, done);
        }
      }
      Condition c;
      if (r.judge == null) {
        c = Condition.CLEAR;
      } else {
        Double v = values.get(r.spec.metric());
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        stats.pointsEvaluated++;
        c = r.judge(ts, v).condition();
      }
      apply(d, r, ts, c, out);
    }
    return finish(ts, out);
  }

  /** A status message: offline makes no-data rules breach at once instead of waiting for silence. */
  public List<Transition> onStatus(int deviceId, long ts, boolean online) {
    DeviceState d = devices.get(deviceId);
    if (d == null || ts < d.lastTs) {
      return List.of();
    }
    d.offline = !online;
    d.dirty = true;
    return tick(ts);
  }

  /** Lets for-durations, no-data and suppression ends take effect without new data. */
  public List<Transition> tick(long now) {
    List<Transition> out = new ArrayList<>();
    for (DeviceState d : devices.values()) {
      if (d.lastTs == Long.MIN_VALUE) {
        continue;
      }
      for (RuleInstance r : d.rules.values()) {
        if (r.judge == null) {
          double silentIntervals = (double) (now - d.lastTs) / d.intervalMillis;
          boolean silent = d.offline || silentIntervals > ((Detector.NoData) r.spec.detector()).intervals();
          apply(d, r, now, silent ? Condition.BREACHING : Condition.CLEAR, out);
        } else if (r.machine.phase() == IncidentMachine.Phase.INACTIVE && r.lastCondition != Condition.BREACHING) {
          // Nothing pending or firing and no breach standing: the clock cannot change this rule (most
          // rules, most of the time), so skip the step it would take without effect.
          continue;
        } else if (now > r.lastSampleTs && now - r.lastSampleTs <= 2 * d.intervalMillis) {
          // The last judgement stands until the next sample is due; older than that it proves nothing.
          apply(d, r, now, r.lastCondition, out);
        }
      }
    }
    releaseEnded(now, out);
    return finish(now, out);
  }

  private void apply(DeviceState d, RuleInstance r, long at, Condition c, List<Transition> out) {
    IncidentMachine.Event e = r.machine.step(at, c);
    if (e == IncidentMachine.Event.NONE) {
      return;
    }
    d.dirty = true;
    String fp = IncidentFactory.fingerprint(d.info, r.spec);
    if (e == IncidentMachine.Event.FIRED) {
      Incident inc = factory.open(d, r, at);
      Instant now = Instant.ofEpochMilli(at);
      Instant until = suppressedUntil(d.info, now);
      if (until == null && "silence".equals(inc.details().get("fleet_signal"))) {
        // Hold a silence back for one correlation window: if its cohort is going silent too, the
        // customer hears of the disruption instead of one message per device.
        until = now.plus(rules.fleet().window());
      }
      inc = fleet.adopt(d.info, inc.withSuppressedUntil(until), open, out);
      open.put(fp, inc);
      out.add(new Transition(Transition.Type.OPENED, inc, until == null && inc.parentFingerprint() == null));
    } else {
      Incident inc = open.remove(fp);
      if (inc != null) {
        boolean told = inc.suppressedUntil() == null && inc.parentFingerprint() == null;
        out.add(new Transition(Transition.Type.RESOLVED, inc.resolved(Instant.ofEpochMilli(at)), told));
      }
    }
  }

  private Instant suppressedUntil(DeviceInfo d, Instant at) {
    Instant until = null;
    for (Suppression s : suppressions) {
      if (s.covers(d, at) && (until == null || s.endsAt().isAfter(until))) {
        until = s.endsAt();
      }
    }
    return until;
  }

  private void releaseEnded(long now, List<Transition> out) {
    Instant at = Instant.ofEpochMilli(now);
    for (Map.Entry<String, Incident> e : open.entrySet()) {
      Incident inc = e.getValue();
      if (inc.suppressedUntil() != null && !inc.suppressedUntil().isAfter(at)) {
        DeviceState d = inc.deviceId() == null ? null : devices.get(inc.deviceId());
        Instant still = d == null ? null : suppressedUntil(d.info, at);
        Incident next = inc.withSuppressedUntil(still);
        e.setValue(next);
        if (still == null) {
          out.add(new Transition(Transition.Type.RELEASED, next, next.parentFingerprint() == null));
        }
      }
    }
  }

  private List<Transition> finish(long now, List<Transition> out) {
    cohorts.advance(now);
    out.addAll(fleet.correlate(now, open, cohorts));
    out.forEach(stats::count);
    return out;
  }

  public Map<String, Incident> openIncidents() {
    return Map.copyOf(open);
  }

  /** At start: the incidents the store holds open, so they resolve (not re-open) when their data clears. */
  public void restoreOpen(Collection<Incident> stored) {
    for (Incident i : stored) {
      open.put(i.fingerprint(), i);
    }
    fleet.restore(stored);
  }

  /** The newest sample time seen in the fleet (data time), or Long.MIN_VALUE. */
  public long latestSampleTs() {
    return latestSampleTs;
  }

  public EngineStats stats() {
    return stats;
  }

  /** Detector state of devices changed since the last call (for detector_state), and marks them clean. */
  public Map<Integer, Map<String, byte[]>> drainDirtyState() {
    Map<Integer, Map<String, byte[]>> out = new HashMap<>();
    for (DeviceState d : devices.values()) {
      if (d.dirty) {
        Map<String, byte[]> m = new HashMap<>();
        d.rules.forEach((id, r) -> m.put(id, r.snapshot()));
        m.put(DEVICE_KEY, DeviceSnapshot.write(d));
        out.put(d.info.id(), m);
        d.dirty = false;
      }
    }
    return out;
  }

  /** State of the firmware comparison changed since the last call (for fleet_state, by key), and marks it clean. */
  public Map<String, byte[]> drainDirtyFleetState() {
    return cohorts.drainDirty();
  }

  /** The fleet_state keys the current rule set keeps; rows under other keys are left over from older rule sets. */
  public List<String> fleetStateKeys() {
    return cohorts.keys();
  }

  /** At start: one fleet_state row (ignored when its rule, firmware or settings changed since it was written). */
  public void restoreFleetState(String key, byte[] state) {
    cohorts.restore(key, state);
  }

  /** detector_state.rule_id of a device's own state (last sample, interval), next to its rules'. */
  public static final String DEVICE_KEY = "_device";

  public void restoreState(int deviceId, String ruleId, byte[] state) {
    DeviceState d = devices.get(deviceId);
    if (d == null) {
      return;
    }
    if (DEVICE_KEY.equals(ruleId)) {
      DeviceSnapshot.read(d, state);
    } else if (d.rules.containsKey(ruleId)) {
      d.rules.put(ruleId, new RuleInstance(d.rules.get(ruleId).spec, d.info.zone(), state));
    }
  }
}
