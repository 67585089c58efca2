package io.forewarn.rules.replay;

import java.time.Instant;

/** One row of sim_faults: what the simulator did to a device (ground truth). */
public record Fault(int deviceId, String kind, Instant onset, Instant failureAt, Instant endsAt, boolean predictable,
    String detail) {}
