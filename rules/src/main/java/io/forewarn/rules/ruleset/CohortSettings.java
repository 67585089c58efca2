package io.forewarn.rules.ruleset;

import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.cohort.CohortShiftRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule file's {@code fleet.cohort} block: compare each firmware of a model with its other firmwares,
 * on the residuals of the model's {@code fleet: true} seasonal-drift rules (docs/rules-evaluation.md).
 * Absent, there is no cohort comparison.
 *
 * @param bucket    devices' residuals are averaged per device over this span, then compared across
 *                  devices; a bucket is judged half a bucket after it ends (the devices' next reports)
 * @param clearFor  the comparison must stay clear this long before the cohort stops holding its disruption
 * @param minFiring once found, a cohort holds its disruption at least this long
 */
public record CohortSettings(Duration bucket, double allowance, double decision, double clearBelow, double clip,
    int minCohort, int minControl, Duration clearFor, Duration minFiring) {
  public static final Duration DEFAULT_BUCKET = Duration.ofHours(1);
  public static final Duration DEFAULT_CLEAR_FOR = Duration.ofHours(6);
  public static final Duration DEFAULT_MIN_FIRING = Duration.ofHours(6);
  static final Duration MIN_BUCKET = Duration.ofMinutes(5);
  static final Duration MAX_BUCKET = Duration.ofDays(1);

  public CohortSettings {
    List<String> problems = problems(bucket, allowance, decision, clearBelow, clip, minCohort, minControl, clearFor,
        minFiring);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Every problem of these settings, worded for the rule file. */
  public static List<String> problems(Duration bucket, double allowance, double decision, double clearBelow,
      double clip, int minCohort, int minControl, Duration clearFor, Duration minFiring) {
    List<String> out = new ArrayList<>(CohortShiftRule.problems(allowance, decision, clearBelow, clip, minCohort,
        minControl));
    if (bucket == null || bucket.compareTo(MIN_BUCKET) < 0 || bucket.compareTo(MAX_BUCKET) > 0) {
      out.add("bucket must be from " + MIN_BUCKET + " to " + MAX_BUCKET + ", not " + bucket);
    }
    if (clearFor == null || clearFor.isNegative() || minFiring == null || minFiring.isNegative()) {
      out.add("clear_for and min_firing must not be negative");
    }
    return out;
  }

  /** The detector settings for a rule watching {@code direction}. */
  public CohortShiftRule rule(Direction direction) {
    return new CohortShiftRule(direction, allowance, decision, clearBelow, clip, minCohort, minControl);
  }
}
