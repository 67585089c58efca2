package io.forewarn.rules.detection.forecast;

/** When the metric is expected to reach its limit. */
public sealed interface Eta {
  /** Not enough data in the window yet. */
  record Unknown() implements Eta {}

  /** The trend does not head towards the limit (flat, or moving away). */
  record NotApproaching(double slopePerHour) implements Eta {}

  /**
   * A crossing is expected.
   *
   * @param expectedMillis  time from the last sample to the expected crossing (0 if the fitted level is past)
   * @param earliestMillis  the same with the steepest plausible slope
   * @param latestMillis    the same with the shallowest plausible slope; {@link Long#MAX_VALUE} if that is flat
   * @param slopePerHour    Theil–Sen slope
   * @param level           fitted level now
   */
  record Crossing(long expectedMillis, long earliestMillis, long latestMillis, double slopePerHour, double level)
      implements Eta {
    public Crossing {
      if (earliestMillis < 0 || earliestMillis > expectedMillis || expectedMillis > latestMillis) {
        throw new IllegalArgumentException("need 0 <= earliest <= expected <= latest");
      }
    }
  }
}
