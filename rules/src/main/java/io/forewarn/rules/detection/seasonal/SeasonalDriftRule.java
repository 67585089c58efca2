package io.forewarn.rules.detection.seasonal;

import io.forewarn.rules.detection.CusumLimits;
import io.forewarn.rules.detection.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Drift from the device's own daily profile: a CUSUM on the residual after the device's usual value for
 * that local hour of a weekday or weekend day. The daily swing of a router's temperature is several
 * sigmas of its noise; its residual is not, so a small persistent shift accumulates evidence within
 * hours instead of hiding in the swing for days.
 *
 * @param direction     the bad side (ABOVE: only rising residuals count); null watches both sides
 * @param learningDays  distinct local days a profile slot must have seen before its residuals count
 * @param baselineAlpha EWMA weight of a new sample in its slot's mean once learnt (only while quiet)
 * @param allowance     k, in residual sigmas: persistent shifts smaller than this never accumulate
 * @param decision      h: breaching at this many sigmas of accumulated shift
 * @param clearBelow    clear below this (hysteresis, < decision)
 * @param clip          a residual counts at most this many sigmas (one glitch is not a drift)
 * @param minSigma      floor of the residual sigma, in the metric's units
 */
public record SeasonalDriftRule(
    Direction direction,
    int learningDays,
    double baselineAlpha,
    double allowance,
    double decision,
    double clearBelow,
    double clip,
    double minSigma) {

  public static final int DEFAULT_LEARNING_DAYS = 3;
  public static final double DEFAULT_BASELINE_ALPHA = 0.02;
  public static final double DEFAULT_ALLOWANCE = 1.0;
  public static final double DEFAULT_DECISION = 12.0;
  public static final double DEFAULT_CLEAR_BELOW = 2.0;
  public static final double DEFAULT_CLIP = 4.0;

  public SeasonalDriftRule {
    List<String> problems = problems(learningDays, baselineAlpha, allowance, decision, clearBelow, clip, minSigma);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Every problem of these settings (a rule file reports them all at once). */
  public static List<String> problems(int learningDays, double baselineAlpha, double allowance, double decision,
      double clearBelow, double clip, double minSigma) {
    List<String> out = new ArrayList<>();
    if (learningDays < 2 || learningDays > 28) {
      out.add("learning_days must be in 2..28, not " + learningDays);
    }
    if (!(baselineAlpha > 0 && baselineAlpha < 1)) {
      out.add("baseline_alpha must be in (0, 1), not " + baselineAlpha);
    }
    out.addAll(CusumLimits.problems(allowance, decision, clearBelow, clip));
    if (!(minSigma > 0)) {
      out.add("min_sigma must be > 0, not " + minSigma);
    }
    return out;
  }
}
