package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.detection.cohort.CohortShiftDetector;
import io.forewarn.rules.detection.cohort.GroupStats;
import io.forewarn.rules.ruleset.CohortSettings;
import io.forewarn.rules.ruleset.RuleSet;
import io.forewarn.rules.ruleset.RuleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rule file's {@code fleet.cohort}: for every rule that feeds it ({@link RuleSpec#feedsCohort}), each
 * firmware of the rule's model against the model's other firmwares, bucket by bucket. Devices hand in their
 * mean residual of a bucket ({@link CohortShare}) when they report in the next one; a bucket is judged half a
 * bucket after its end, by then every device reporting at least that often has handed in. A share for a
 * bucket already judged is dropped (a device that went silent, or data late by more than that). So only one
 * bucket is ever open, and memory is per firmware and rule, not per sample.
 *
 * <p>Each firmware's {@link CohortShiftDetector} drives an {@link IncidentMachine} (for 0, the settings'
 * clear_for and min_firing); its firing and resolving are handed to the {@link FleetCorrelator} as
 * {@link Change}s, which opens or extends the firmware's disruption. A firmware found at fault (firing) is
 * no reference for the others. Pure and deterministic: time comes from the samples and ticks.
 */
final class CohortMonitor {
  /** fleet_state key of the monitor's own clock (the last bucket judged). */
  static final String CLOCK_KEY = "cohort:_clock";
  private static final int KIND = 0x434F4854; // "COHT"
  private static final int CLOCK_KIND = 0x434F434B; // "COCK"
  private static final long NONE = Long.MIN_VALUE;

  /**
   * A firmware found at fault (fired) or no longer (resolved) under one rule; evidence for the disruption
   * and since when the shift built up (epoch millis).
   */
  record Change(String firmwareKey, boolean fired, Map<String, Object> evidence, long since) {}

  /** One firmware of a model under one rule. */
  private static final class Cohort {
    final String firmware;
    final String firmwareKey;
    final RuleSpec spec;
    final long fingerprint;
    final GroupStats open = new GroupStats();
    final IncidentMachine machine;
    CohortShiftDetector detector;
    boolean dirty;

    Cohort(RuleSpec spec, String firmware, CohortSettings settings) {
      this.spec = spec;
      this.firmware = firmware;
      this.firmwareKey = FleetCorrelator.firmwareKey(spec.model(), firmware);
      this.fingerprint = RuleInstance.fingerprint(spec.definition() + "|" + settings);
      this.detector = new CohortShiftDetector(settings.rule(spec.detector().direction()));
      this.machine = new IncidentMachine(0, settings.clearFor().toMillis(), settings.minFiring().toMillis());
    }

    boolean firing() {
      return machine.phase() == IncidentMachine.Phase.FIRING;
    }
  }

  private final CohortSettings settings;
  private final long bucketMillis;
  /** rule -> firmware -> cohort, sorted so that buckets are judged in the same order every time. */
  private final Map<String, Map<String, Cohort>> byRule = new TreeMap<>();
  private final Map<String, Cohort> byKey = new HashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private long judgedThrough = NONE;
  /** When the next bucket is due: every sample asks, so the answer is one comparison. */
  private long nextDueAt = Long.MIN_VALUE;
  private boolean clockDirty;

  CohortMonitor(RuleSet rules, Collection<DeviceInfo> fleet) {
    this.settings = rules.fleet().cohort();
    this.bucketMillis = settings == null ? 0 : settings.bucket().toMillis();
    if (settings == null) {
      return;
    }
    Map<String, TreeSet<String>> firmwares = new HashMap<>();
    for (DeviceInfo d : fleet) {
      if (d.firmware() != null) {
        firmwares.computeIfAbsent(d.model(), m -> new TreeSet<>()).add(d.firmware());
      }
    }
    for (var e : firmwares.entrySet()) {
      for (RuleSpec spec : rules.forModel(e.getKey())) {
        if (!spec.feedsCohort()) {
          continue;
        }
        Map<String, Cohort> cohorts = new TreeMap<>();
        for (String firmware : e.getValue()) {
          Cohort c = new Cohort(spec, firmware, settings);
          cohorts.put(firmware, c);
          byKey.put(key(spec, firmware), c);
        }
        byRule.put(spec.qualifiedId(), cohorts);
      }
    }
  }

  private static String key(RuleSpec spec, String firmware) {
    return "cohort:" + spec.qualifiedId() + "@" + firmware;
  }

  /** The bucket a sample at {@code ts} falls in, or {@link CohortShare#NONE} when there is no comparison. */
  long bucketOf(long ts) {
    return byRule.isEmpty() ? CohortShare.NONE : Math.floorDiv(ts, bucketMillis);
  }

  /** A device's mean residual of a bucket under {@code spec}. */
  void contribute(DeviceInfo device, RuleSpec spec, CohortShare.Done share) {
    if (share.bucket() != judgedThrough + 1) {
      return; // that bucket is judged already (or the clock never ran): too late to count
    }
    Map<String, Cohort> cohorts = byRule.get(spec.qualifiedId());
    Cohort c = cohorts == null ? null : cohorts.get(device.firmware());
    if (c != null) {
      c.open.add(share.mean());
      c.dirty = true;
    }
  }

  /** Judges the bucket that is due by {@code now}, if any. */
  void advance(long now) {
    if (now < nextDueAt || byRule.isEmpty()) {
      return;
    }
    long due = Math.floorDiv(now - bucketMillis / 2, bucketMillis) - 1;
    if (judgedThrough != NONE && due > judgedThrough) {
      judge(judgedThrough + 1);
    }
    // (a fresh start judges the first whole bucket it sees)
    if (judgedThrough == NONE || due > judgedThrough) {
      judgedThrough(due);
      clockDirty = true;
    }
  }

  private void judgedThrough(long bucket) {
    judgedThrough = bucket;
    // bucket + 1 is due half a bucket after it ends: when floorDiv(now - B/2, B) - 1 reaches it
    nextDueAt = bucket == NONE ? Long.MIN_VALUE : (bucket + 2) * bucketMillis + bucketMillis / 2;
  }

  private void judge(long bucket) {
    long start = bucket * bucketMillis;
    long end = start + bucketMillis;
    for (Map<String, Cohort> cohorts : byRule.values()) {
      List<Cohort> found = cohorts.values().stream().filter(Cohort::firing).toList();
      for (Cohort c : cohorts.values()) {
        List<Cohort> others = cohorts.values().stream().filter(o -> o != c && !found.contains(o)).toList();
        CohortShiftDetector.Step step = c.detector.update(start, c.open,
            others.stream().map(o -> o.open).toList());
        if (step == null) {
          continue;
        }
        c.dirty = true;
        double h = settings.decision();
        Condition condition = step.evidence() >= h ? Condition.BREACHING
            : step.evidence() < settings.clearBelow() ? Condition.CLEAR : Condition.HOLDING;
        switch (c.machine.step(end, condition)) {
          case FIRED -> changes.add(new Change(c.firmwareKey, true, evidence(c, step, others), step.since()));
          case RESOLVED -> changes.add(new Change(c.firmwareKey, false, Map.of(), end));
          case NONE -> {
          }
        }
      }
      cohorts.values().forEach(c -> c.open.clear());
    }
  }

  private Map<String, Object> evidence(Cohort c, CohortShiftDetector.Step step, List<Cohort> others) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("detected_by", "cohort_comparison");
    e.put("cohort_rule", c.spec.qualifiedId());
    e.put("cohort_metric", c.spec.metric());
    e.put("cohort_devices_reporting", step.cohortDevices());
    e.put("control_devices_reporting", step.controlDevices());
    e.put("control_firmwares", others.stream().filter(o -> o.open.devices() >= settings.minControl())
        .map(o -> o.firmware).toList());
    e.put("cohort_shift", IncidentFactory.round(step.shift()));
    e.put("cohort_z", Math.round(step.z() * 100) / 100.0);
    e.put("cohort_shift_since", Instant.ofEpochMilli(step.since()).toString()); // set: evidence >= h > 0
    return e;
  }

  /** The changes since the last call. */
  List<Change> drainChanges() {
    if (changes.isEmpty()) {
      return List.of();
    }
    List<Change> out = List.copyOf(changes);
    changes.clear();
    return out;
  }

  /** Whether some rule finds this firmware ({@code firmware:model@version}) at fault now. */
  boolean holds(String firmwareKey) {
    for (Cohort c : byKey.values()) {
      if (c.firing() && c.firmwareKey.equals(firmwareKey)) {
        return true;
      }
    }
    return false;
  }

  /** State changed since the last call, by fleet_state key. */
  Map<String, byte[]> drainDirty() {
    Map<String, byte[]> out = new HashMap<>();
    if (clockDirty) {
      out.put(CLOCK_KEY, new StateBytes.Writer(CLOCK_KIND, 1).putLong(judgedThrough).toByteArray());
      clockDirty = false;
    }
    byKey.forEach((k, c) -> {
      if (c.dirty) {
        out.put(k, snapshot(c));
        c.dirty = false;
      }
    });
    return out;
  }

  /** Every key this monitor keeps state under (others in the store are of rules or firmwares gone). */
  List<String> keys() {
    List<String> out = new ArrayList<>(byKey.keySet());
    if (!byRule.isEmpty()) {
      out.add(CLOCK_KEY);
    }
    return out;
  }

  private static byte[] snapshot(Cohort c) {
    StateBytes.Writer w = new StateBytes.Writer(KIND, 1).putLong(c.fingerprint);
    c.open.write(w);
    c.machine.write(w);
    return w.putBytes(c.detector.snapshot()).toByteArray();
  }

  /**
   * Restores one key's state. State of a rule or settings that changed since (its fingerprint differs) is
   * ignored: that cohort starts afresh. Unknown keys are ignored.
   */
  void restore(String key, byte[] state) {
    if (CLOCK_KEY.equals(key)) {
      if (!byRule.isEmpty()) {
        StateBytes.Reader r = new StateBytes.Reader(state, CLOCK_KIND, 1);
        judgedThrough(r.getLong());
        r.end();
      }
      return;
    }
    Cohort c = byKey.get(key);
    if (c == null) {
      return;
    }
    StateBytes.Reader r = new StateBytes.Reader(state, KIND, 1);
    if (r.getLong() != c.fingerprint) {
      return;
    }
    c.open.read(r);
    c.machine.read(r);
    c.detector = CohortShiftDetector.restore(settings.rule(c.spec.detector().direction()), r.getBytes());
    r.end();
  }

  /** This monitor's state under another rule set: unchanged rules and settings carry on, the rest starts afresh. */
  CohortMonitor carriedTo(RuleSet next, Collection<DeviceInfo> fleet) {
    CohortMonitor m = new CohortMonitor(next, fleet);
    m.restore(CLOCK_KEY, new StateBytes.Writer(CLOCK_KIND, 1).putLong(judgedThrough).toByteArray());
    byKey.forEach((k, c) -> m.restore(k, snapshot(c)));
    return m;
  }
}
