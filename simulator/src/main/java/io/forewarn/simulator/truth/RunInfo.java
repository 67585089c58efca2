package io.forewarn.simulator.truth;

import java.time.Instant;

/**
 * What identifies a simulator run in the ground truth.
 *
 * @param settings the options the run was started with, for the record
 */
public record RunInfo(String runId, String mode, long seed, int devices, Instant windowStart, Instant windowEnd,
    String settings) {
  public RunInfo {
    if (runId == null || !runId.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("run id must be 1-100 of [A-Za-z0-9._-]: " + runId);
    }
    if (!mode.equals("live") && !mode.equals("accelerated") && !mode.equals("history")) {
      throw new IllegalArgumentException("mode must be live, accelerated or history: " + mode);
    }
    if (!windowEnd.isAfter(windowStart)) {
      throw new IllegalArgumentException("window must not be empty");
    }
  }
}
