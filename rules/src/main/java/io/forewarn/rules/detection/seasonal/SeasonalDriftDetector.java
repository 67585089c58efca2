package io.forewarn.rules.detection.seasonal;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.StateBytes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * CUSUM on the residual after the device's own profile: one slot per local hour of a weekday and of a
 * weekend day (48). A slot learns its mean from its first {@code learningDays} distinct days (plain
 * average), then follows slowly (EWMA) but only while no evidence builds up, so a drift does not
 * become the new normal while it is being reported. The residual sigma is pooled over all slots
 * (within-slot spread = day-to-day noise). Residuals of a slot still learning add no evidence.
 */
public final class SeasonalDriftDetector {
  static final int STATE_KIND = 0x53534E44; // "SSND"
  static final int STATE_VERSION = 1;
  static final int SLOTS = 48;
  private static final long HOUR_MS = 3_600_000L;
  private static final long DAY_MS = 24 * HOUR_MS;
  /** The CUSUM is capped so that a repaired device clears within hours, not after its whole fault. */
  private static final double CAP_FACTOR = 2.0;

  private final SeasonalDriftRule rule;
  private final ZoneRules zone;
  private final double[] mean = new double[SLOTS];
  private final long[] count = new long[SLOTS];
  private final long[] days = new long[SLOTS];
  private final long[] lastDay = new long[SLOTS];
  private double sumSquares;
  private long dof;
  private double variance = Double.NaN;
  private double upward;
  private double downward;

  public SeasonalDriftDetector(SeasonalDriftRule rule, ZoneId zone) {
    this.rule = rule;
    this.zone = zone.getRules();
    Arrays.fill(lastDay, Long.MIN_VALUE);
  }

  /**
   * Result of one sample: the CUSUM evidence in sigmas (the larger watched side) and the residual, clipped,
   * in sigmas and in the metric's units. {@code residual} is what a fleet comparison averages over devices;
   * while the sample's slot learns it is measured against the same hour of the other day type when that
   * slot has learnt ({@link #fleetResidual}), else NaN.
   */
  public record Step(double evidence, double residualSigmas, double residual, boolean learning) {}

  public Step update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    long local = epochMillis + zone.getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    long day = Math.floorDiv(local, DAY_MS);
    int hour = (int) (Math.floorMod(local, DAY_MS) / HOUR_MS);
    // 1970-01-01 was a Thursday: day + 3 mod 7 is 0 on Mondays, so 5 and 6 are the weekend.
    boolean weekend = Math.floorMod(day + 3, 7) >= 5;
    int slot = (weekend ? 24 : 0) + hour;
    if (lastDay[slot] != day) {
      lastDay[slot] = day;
      days[slot]++;
    }
    if (days[slot] <= rule.learningDays()) {
      learn(slot, value);
      return new Step(evidence(), 0, fleetResidual(slot, value), true);
    }
    if (Double.isNaN(variance)) {
      variance = dof > 0 ? sumSquares / dof : 0;
    }
    double sigma = Math.max(Math.sqrt(variance), rule.minSigma());
    double deviation = value - mean[slot];
    double r = Math.max(-rule.clip(), Math.min(rule.clip(), deviation / sigma));
    double cap = CAP_FACTOR * rule.decision();
    upward = Math.min(cap, Math.max(0, upward + r - rule.allowance()));
    downward = Math.min(cap, Math.max(0, downward - r - rule.allowance()));
    double evidence = evidence();
    if (evidence < rule.clearBelow()) {
      double a = rule.baselineAlpha();
      mean[slot] += a * deviation;
      // The pooled variance sees every slot, so it moves SLOTS times less per sample than a slot mean.
      double va = a / SLOTS;
      double clipped = Math.min(deviation * deviation, rule.clip() * rule.clip() * variance);
      variance = (1 - va) * variance + va * clipped;
    }
    return new Step(evidence, r, r * sigma, false);
  }

  /**
   * A residual for the fleet comparison from a slot still learning. A cohort is compared with its control
   * over the same hours, so the daily pattern they share cancels; what must go is the device's own level,
   * which the same hour of the other day type knows. Without this every device would drop out of the
   * comparison on its first weekend (its weekend slots learn on three weekend days), so a fault starting
   * then would wait until Monday. It adds nothing to the device's own CUSUM, nor touches its variance.
   */
  private double fleetResidual(int slot, double value) {
    int other = slot < 24 ? slot + 24 : slot - 24;
    if (days[other] <= rule.learningDays()) {
      return Double.NaN;
    }
    double v = Double.isNaN(variance) ? (dof > 0 ? sumSquares / dof : 0) : variance;
    double sigma = Math.max(Math.sqrt(v), rule.minSigma());
    return Math.max(-rule.clip(), Math.min(rule.clip(), (value - mean[other]) / sigma)) * sigma;
  }

  private void learn(int slot, double value) {
    count[slot]++;
    double d = value - mean[slot];
    mean[slot] += d / count[slot];
    if (count[slot] > 1) {
      sumSquares += d * (value - mean[slot]);
      dof++;
    }
  }

  private double evidence() {
    Direction d = rule.direction();
    return d == null ? Math.max(upward, downward) : d == Direction.ABOVE ? upward : downward;
  }

  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    w.putDoubles(mean).putLongs(count).putLongs(days).putLongs(lastDay);
    w.putDouble(sumSquares).putLong(dof).putDouble(variance).putDouble(upward).putDouble(downward);
    return w.toByteArray();
  }

  public static SeasonalDriftDetector restore(SeasonalDriftRule rule, ZoneId zone, byte[] state) {
    SeasonalDriftDetector d = new SeasonalDriftDetector(rule, zone);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    copy(r.getDoubles(), d.mean);
    copy(r.getLongs(), d.count);
    copy(r.getLongs(), d.days);
    copy(r.getLongs(), d.lastDay);
    d.sumSquares = r.getDouble();
    d.dof = r.getLong();
    d.variance = r.getDouble();
    d.upward = r.getDouble();
    d.downward = r.getDouble();
    r.end();
    return d;
  }

  private static void copy(double[] from, double[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("seasonal state has " + from.length + " slots, expected " + to.length);
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }

  private static void copy(long[] from, long[] to) {
    if (from.length != to.length) {
      throw new IllegalArgumentException("seasonal state has " + from.length + " slots, expected " + to.length);
    }
    System.arraycopy(from, 0, to, 0, to.length);
  }
}
