package io.forewarn.rules.nab;

import java.util.List;

/** A NAB application profile: how much a true positive, a false positive and a missed window weigh. */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
  public static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);
  public static final CostProfile REWARD_LOW_FP_RATE = new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
  public static final CostProfile REWARD_LOW_FN_RATE = new CostProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

  /** NAB's three profiles, in the order its tables list them. */
  public static final List<CostProfile> NAB = List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);

  public CostProfile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("profile name must not be blank");
    }
    if (!(tpWeight > 0) || !(fpWeight >= 0) || !(fnWeight >= 0)) {
      throw new IllegalArgumentException(name + ": weights must be tp > 0, fp >= 0, fn >= 0");
    }
  }
}
