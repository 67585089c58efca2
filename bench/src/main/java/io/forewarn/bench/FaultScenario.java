package io.forewarn.bench;

import java.time.Instant;

/** One fault injected while numbered messages flow; returns when the fault is over (e.g. the service is back). */
interface FaultScenario {
  String name();

  String fault();

  /** Gateways to run (two for the shared-subscription scenario). */
  default int gateways() {
    return 1;
  }

  Instant inject(FaultContext context) throws Exception;
}
