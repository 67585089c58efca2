package io.forewarn.rules.detection.cohort;

import io.forewarn.rules.detection.CusumLimits;
import io.forewarn.rules.detection.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * When the devices of one firmware have moved against the other firmwares of their model: a CUSUM of the
 * hourly standardised difference of the groups' mean residuals. See {@link CohortShiftDetector}.
 *
 * @param direction  the bad side of the residual (BELOW: the cohort's values fall); null watches both
 * @param allowance  k, in standard errors: a difference must exceed this to accumulate. About √m for m
 *                   devices moving on their own (one device moves a group's z by at most ~1), so k = 2
 *                   keeps up to four individual faults at once in one firmware from building evidence
 * @param decision   h: breaching at this much accumulated evidence
 * @param clearBelow clear below this (hysteresis, < decision)
 * @param clip       one bucket counts at most this many standard errors, so no single hour decides
 * @param minCohort  devices of the firmware that must have reported in a bucket for it to be judged
 * @param minControl devices each other firmware needs in that bucket to serve as its control
 */
public record CohortShiftRule(Direction direction, double allowance, double decision, double clearBelow, double clip,
    int minCohort, int minControl) {

  public static final double DEFAULT_ALLOWANCE = 2.0;
  public static final double DEFAULT_DECISION = 12.0;
  public static final double DEFAULT_CLEAR_BELOW = 2.0;
  public static final double DEFAULT_CLIP = 6.0;
  public static final int DEFAULT_MIN_DEVICES = 10;

  public CohortShiftRule {
    List<String> problems = problems(allowance, decision, clearBelow, clip, minCohort, minControl);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Every problem of these settings (a rule file reports them all at once). */
  public static List<String> problems(double allowance, double decision, double clearBelow, double clip,
      int minCohort, int minControl) {
    List<String> out = new ArrayList<>(CusumLimits.problems(allowance, decision, clearBelow, clip));
    // A standard error from fewer devices is itself too uncertain (Student's t with few degrees of freedom).
    if (minCohort < 5) {
      out.add("min_cohort must be >= 5, not " + minCohort);
    }
    if (minControl < 5) {
      out.add("min_control must be >= 5, not " + minControl);
    }
    return out;
  }
}
