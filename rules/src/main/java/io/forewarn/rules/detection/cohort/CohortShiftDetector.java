package io.forewarn.rules.detection.cohort;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.StateBytes;
import java.util.List;

/**
 * Has the devices' residual of one firmware (the cohort) moved against the other firmwares of its model?
 * Every bucket (an hour) each group gives the mean and spread of its devices' mean residuals; weather,
 * season and load are common to all groups over the same hour and cancel in the difference, and device
 * noise averages down by √n. The difference to each other firmware is standardised by its standard error
 * (Welch), and the cohort counts as worse only as far as it is worse than <em>every</em> other firmware:
 * the smallest of those z values is what accumulates (an intersection-union test, no multiple-comparison
 * penalty). Against the pooled other firmwares, a healthy firmware looked worse whenever a third one sat on
 * the good side (dev seed 4: a repaired firmware whose weekend profile was learnt during its fault);
 * against each, it does not. Two firmwares going wrong at the same instant are therefore not found by this
 * (neither is worse than the other); a firmware already found at fault is left out as a reference by the
 * caller, so a second one is found against the rest.
 *
 * <p>The statistic goes into a one-sided CUSUM per watched side with allowance k and decision h, capped at
 * 2h so that a fixed cohort clears within hours. Buckets that cannot be judged (too few devices) leave it
 * as it is. {@code since} is the start of the bucket where the evidence began to build (the CUSUM's
 * change-point estimate).
 */
public final class CohortShiftDetector {
  static final int STATE_KIND = 0x43485254; // "CHRT"
  static final int STATE_VERSION = 1;
  /** No run of evidence is building. */
  public static final long NONE = Long.MIN_VALUE;
  private static final double CAP_FACTOR = 2.0;

  private final CohortShiftRule rule;
  private double upward;
  private double downward;
  private long upSince = NONE;
  private long downSince = NONE;

  public CohortShiftDetector(CohortShiftRule rule) {
    this.rule = rule;
  }

  /**
   * One judged bucket.
   *
   * @param evidence       the CUSUM of the watched side(s), the larger
   * @param z              the limiting standardised difference on that side (negative below)
   * @param shift          cohort mean minus the mean of all compared devices, in the metric's units
   * @param cohortDevices  the cohort's devices in the bucket
   * @param controlDevices the compared other firmwares' devices in the bucket
   * @param since          start of the bucket where this evidence began, or {@link #NONE}
   */
  public record Step(double evidence, double z, double shift, int cohortDevices, int controlDevices, long since) {}

  /**
   * Judges one bucket starting at {@code bucketStart}. Returns null, changing nothing, when the cohort has
   * fewer than min_cohort devices in it or no other firmware has min_control.
   */
  public Step update(long bucketStart, GroupStats cohort, List<GroupStats> others) {
    if (cohort.devices() < rule.minCohort()) {
      return null;
    }
    double above = Double.POSITIVE_INFINITY; // how far the cohort is above every other firmware, in SE
    double below = Double.POSITIVE_INFINITY;
    int control = 0;
    double controlSum = 0;
    for (GroupStats other : others) {
      if (other.devices() < rule.minControl()) {
        continue;
      }
      double z = standardised(cohort, other);
      above = Math.min(above, z);
      below = Math.min(below, -z);
      control += other.devices();
      controlSum += other.sum();
    }
    if (control == 0) {
      return null;
    }
    double cap = CAP_FACTOR * rule.decision();
    double up = clip(above);
    double down = clip(below);
    upward = Math.min(cap, Math.max(0, upward + up - rule.allowance()));
    downward = Math.min(cap, Math.max(0, downward + down - rule.allowance()));
    upSince = upward == 0 ? NONE : upSince == NONE ? bucketStart : upSince;
    downSince = downward == 0 ? NONE : downSince == NONE ? bucketStart : downSince;
    boolean fromBelow = watchesBelow() && (!watchesAbove() || downward > upward);
    double shift = cohort.mean() - controlSum / control;
    return new Step(fromBelow ? downward : upward, fromBelow ? -below : above, shift, cohort.devices(), control,
        fromBelow ? downSince : upSince);
  }

  /** Welch's z of the difference of two groups' means; a zero spread (synthetic data) counts as a full clip. */
  private double standardised(GroupStats a, GroupStats b) {
    double difference = a.mean() - b.mean();
    double se = Math.sqrt(a.variance() / a.devices() + b.variance() / b.devices());
    if (se > 0) {
      return difference / se;
    }
    return difference == 0 ? 0 : Math.copySign(rule.clip(), difference);
  }

  private double clip(double z) {
    return Math.max(-rule.clip(), Math.min(rule.clip(), z));
  }

  private boolean watchesAbove() {
    return rule.direction() != Direction.BELOW;
  }

  private boolean watchesBelow() {
    return rule.direction() != Direction.ABOVE;
  }

  /** The accumulated evidence of the watched side(s). */
  public double evidence() {
    return Math.max(watchesAbove() ? upward : 0, watchesBelow() ? downward : 0);
  }

  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    w.putDouble(upward).putDouble(downward).putLong(upSince).putLong(downSince);
    return w.toByteArray();
  }

  public static CohortShiftDetector restore(CohortShiftRule rule, byte[] state) {
    CohortShiftDetector d = new CohortShiftDetector(rule);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    d.upward = r.getDouble();
    d.downward = r.getDouble();
    d.upSince = r.getLong();
    d.downSince = r.getLong();
    r.end();
    return d;
  }
}
