package io.forewarn.rules.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every clipped CUSUM here shares (seasonal drift, the firmware comparison): an allowance k ≥ 0,
 * a decision h > 0, a clear level below h (hysteresis) and a clip above k (else nothing could accumulate).
 */
public final class CusumLimits {
  private CusumLimits() {}

  /** Every problem of these settings, named as in a rule file. */
  public static List<String> problems(double allowance, double decision, double clearBelow, double clip) {
    List<String> out = new ArrayList<>();
    if (!(allowance >= 0)) {
      out.add("allowance must be >= 0, not " + allowance);
    }
    if (!(decision > 0)) {
      out.add("decision must be > 0, not " + decision);
    }
    if (!(clearBelow >= 0 && clearBelow < decision)) {
      out.add("clear_below must be in [0, decision " + decision + "), not " + clearBelow);
    }
    if (!(clip > allowance)) {
      out.add("clip must be > allowance " + allowance + ", not " + clip);
    }
    return out;
  }
}
