package io.forewarn.simulator.physics;

import io.forewarn.simulator.fault.FaultKind;

/**
 * The fault shaping a device's metrics at one instant: its kind and progress (0 at onset, 1 at the
 * failure time, above 1 while failed). {@link #NONE} when the device is healthy.
 */
record FaultShape(FaultKind kind, double progress) {
  static final FaultShape NONE = new FaultShape(null, Double.NaN);

  boolean is(FaultKind k) {
    return kind == k;
  }

  boolean failed() {
    return kind != null && progress >= 1;
  }

  /** Progress clamped to [0, 1]: how far along the degradation is before failure. */
  double degradation() {
    return kind == null ? 0 : Math.min(1, Math.max(0, progress));
  }
}
