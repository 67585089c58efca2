package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.ruleset.Detector;
import io.forewarn.rules.ruleset.RuleSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;

/**
 * One rule on one device: its detector, its incident machine, and the last evidence it saw. Its state
 * (v2) records a fingerprint of the rule's definition: restored under a rule whose definition changed
 * (another rule set), the incident machine and the last judgement carry over (a pending or firing
 * condition goes on, and the judgement stands until the next sample, as after any sample); the
 * detector and the evidence (recent values, observed value, ETA) start afresh. State written before
 * the fingerprint (v1) is taken as the current definition's. A rule feeding the firmware comparison keeps
 * the device's share of the current bucket ({@link CohortShare}, v3; absent from older state, it starts empty).
 */
final class RuleInstance {
  private static final int KIND = 0x52494E53; // "RINS"
  private static final int VERSION = 3;
  static final int RECENT = 6;

  final RuleSpec spec;
  final Judge judge; // null for no_data
  final IncidentMachine machine;
  /** The device's share of its firmware comparison, null unless the rule feeds one ({@link RuleSpec#feedsCohort}). */
  final CohortShare cohortShare;
  private final long definition;
  Condition lastCondition = Condition.CLEAR;
  long lastSampleTs = Long.MIN_VALUE;
  double lastObserved = Double.NaN;
  long lastEtaMillis = -1;
  final long[] recentTs = new long[RECENT];
  final double[] recentValues = new double[RECENT];
  int recentCount;

  RuleInstance(RuleSpec spec, ZoneId zone, byte[] state) {
    this.spec = spec;
    this.definition = fingerprint(spec);
    this.machine = new IncidentMachine(spec.forDuration().toMillis(), spec.clearDuration().toMillis(),
        spec.minFiring().toMillis());
    this.cohortShare = spec.feedsCohort() ? new CohortShare() : null;
    byte[] judgeState = null;
    if (state != null) {
      int version = StateBytes.versionOf(state);
      StateBytes.Reader r = new StateBytes.Reader(state, KIND, Math.min(Math.max(version, 1), VERSION));
      boolean sameDefinition = version == 1 || r.getLong() == definition;
      machine.read(r);
      judgeState = readEvidence(r);
      CohortShare share = version >= 3 && r.getInt() == 1 ? new CohortShare() : null;
      if (share != null) {
        share.read(r);
      }
      r.end();
      if (sameDefinition && share != null && cohortShare != null) {
        cohortShare.copyFrom(share);
      }
      if (!sameDefinition) {
        judgeState = null;
        lastObserved = Double.NaN;
        lastEtaMillis = -1;
        recentCount = 0;
      }
    }
    this.judge = spec.detector() instanceof Detector.NoData ? null : Judge.create(spec.detector(), zone, judgeState);
  }

  /** The detector state inside {@code r}, after the evidence it restores; null when there is none. */
  private byte[] readEvidence(StateBytes.Reader r) {
    lastCondition = Condition.values()[r.getInt()];
    lastSampleTs = r.getLong();
    lastObserved = r.getDouble();
    lastEtaMillis = r.getLong();
    long[] ts = r.getLongs();
    double[] vs = r.getDoubles();
    recentCount = Math.min(ts.length, RECENT);
    System.arraycopy(ts, 0, recentTs, 0, recentCount);
    System.arraycopy(vs, 0, recentValues, 0, recentCount);
    byte[] js = r.getBytes();
    return js.length == 0 ? null : js;
  }

  /** This rule under {@code next} (same id, from another rule set): itself when nothing changed. */
  RuleInstance carriedTo(RuleSpec next, ZoneId zone) {
    return next.equals(spec) ? this : new RuleInstance(next, zone, snapshot());
  }

  static long fingerprint(RuleSpec spec) {
    return fingerprint(spec.definition());
  }

  /** The first 8 bytes of the text's SHA-256: stable across JVMs, unlike hashCode. */
  static long fingerprint(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  Judgement judge(long ts, double value) {
    Judgement j = judge.update(ts, value);
    if (cohortShare != null && !Double.isNaN(j.residual())) {
      cohortShare.add(j.residual());
    }
    lastCondition = j.condition();
    lastSampleTs = ts;
    lastObserved = j.observed();
    lastEtaMillis = j.etaMillis();
    if (recentCount == RECENT) {
      System.arraycopy(recentTs, 1, recentTs, 0, RECENT - 1);
      System.arraycopy(recentValues, 1, recentValues, 0, RECENT - 1);
      recentCount--;
    }
    recentTs[recentCount] = ts;
    recentValues[recentCount] = value;
    recentCount++;
    return j;
  }

  byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(KIND, VERSION);
    w.putLong(definition);
    machine.write(w);
    w.putInt(lastCondition.ordinal()).putLong(lastSampleTs).putDouble(lastObserved).putLong(lastEtaMillis);
    w.putLongs(java.util.Arrays.copyOf(recentTs, recentCount));
    w.putDoubles(java.util.Arrays.copyOf(recentValues, recentCount));
    w.putBytes(judge == null ? new byte[0] : judge.snapshot());
    w.putInt(cohortShare == null ? 0 : 1);
    if (cohortShare != null) {
      cohortShare.write(w);
    }
    return w.toByteArray();
  }
}
