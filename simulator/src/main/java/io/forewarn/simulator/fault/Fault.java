package io.forewarn.simulator.fault;

import java.time.Instant;
import java.util.List;

/**
 * One injected fault: the ground truth a detector is scored against.
 *
 * @param onset when the device starts to degrade (or breaks, or goes silent)
 * @param failureAt when the customer would notice; {@code null} for kinds that never fail
 * @param endsAt when the device is repaired or reports again; {@code null} if not within the run
 * @param detail free text, e.g. the firmware of a cohort or the region of an outage
 */
public record Fault(int deviceIndex, String deviceExternalId, FaultKind kind, Instant onset, Instant failureAt,
    Instant endsAt, List<String> affectedMetrics, String detail) {
  public Fault {
    if (kind == null || onset == null || deviceExternalId == null) {
      throw new IllegalArgumentException("fault needs a device, a kind and an onset");
    }
    if (failureAt != null && failureAt.isBefore(onset)) {
      throw new IllegalArgumentException("failure before onset");
    }
    if (endsAt != null && endsAt.isBefore(failureAt == null ? onset : failureAt)) {
      throw new IllegalArgumentException("fault ends before it fails");
    }
    if (kind != FaultKind.NOISY_HEALTHY && failureAt == null) {
      throw new IllegalArgumentException(kind + " needs a failure time");
    }
    affectedMetrics = List.copyOf(affectedMetrics);
    detail = detail == null ? "" : detail;
  }

  public boolean predictable() {
    return kind.predictable();
  }

  /**
   * How far the fault has got at {@code t}: NaN before onset, after repair and for kinds without a
   * shape; from 0 at onset to 1 at the failure time, above 1 while failed.
   */
  public double progress(Instant t) {
    return progress(t.toEpochMilli());
  }

  public double progress(long epochMillis) {
    long on = onset.toEpochMilli();
    if (failureAt == null || epochMillis < on || (endsAt != null && epochMillis >= endsAt.toEpochMilli())) {
      return Double.NaN;
    }
    long fail = failureAt.toEpochMilli();
    if (fail == on) {
      return 1.0 + (epochMillis - on) / 3_600_000.0;
    }
    return (double) (epochMillis - on) / (fail - on);
  }

  /** True while a silencing fault keeps the device from reporting. */
  public boolean silentAt(long epochMillis) {
    return kind.silences() && epochMillis >= onset.toEpochMilli()
        && (endsAt == null || epochMillis < endsAt.toEpochMilli());
  }
}
