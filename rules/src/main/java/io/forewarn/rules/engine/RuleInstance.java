package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.ruleset.Detector;
import io.forewarn.rules.ruleset.RuleSpec;
import java.time.ZoneId;

/** One rule on one device: its detector, its incident machine, and the last evidence it saw. */
final class RuleInstance {
  private static final int KIND = 0x52494E53; // "RINS"
  static final int RECENT = 6;

  final RuleSpec spec;
  final Judge judge; // null for no_data
  final IncidentMachine machine;
  Condition lastCondition = Condition.CLEAR;
  long lastSampleTs = Long.MIN_VALUE;
  double lastObserved = Double.NaN;
  long lastEtaMillis = -1;
  final long[] recentTs = new long[RECENT];
  final double[] recentValues = new double[RECENT];
  int recentCount;

  RuleInstance(RuleSpec spec, ZoneId zone, byte[] state) {
    this.spec = spec;
    this.machine = new IncidentMachine(spec.forDuration().toMillis(), spec.clearDuration().toMillis(),
        spec.minFiring().toMillis());
    byte[] judgeState = null;
    if (state != null) {
      StateBytes.Reader r = new StateBytes.Reader(state, KIND, 1);
      machine.read(r);
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
      judgeState = js.length == 0 ? null : js;
      r.end();
    }
    this.judge = spec.detector() instanceof Detector.NoData ? null : Judge.create(spec.detector(), zone, judgeState);
  }

  Judgement judge(long ts, double value) {
    Judgement j = judge.update(ts, value);
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
    StateBytes.Writer w = new StateBytes.Writer(KIND, 1);
    machine.write(w);
    w.putInt(lastCondition.ordinal()).putLong(lastSampleTs).putDouble(lastObserved).putLong(lastEtaMillis);
    w.putLongs(java.util.Arrays.copyOf(recentTs, recentCount));
    w.putDoubles(java.util.Arrays.copyOf(recentValues, recentCount));
    w.putBytes(judge == null ? new byte[0] : judge.snapshot());
    return w.toByteArray();
  }
}
