package io.forewarn.bench;

import java.util.Locale;

/** One held step of one system in the peer benchmark. Latency is the probe's publish → queryable. */
record PeerResult(String system, String phase, int targetRate, double seconds, long acked, long stored,
    double drainSeconds, long probes, double p50Ms, double p99Ms, double maxMs, double systemCpu, double brokerCpu,
    double dbCpu, double rssMiB, double maxDrainSeconds) {

  double achievedRate() {
    return acked / seconds;
  }

  long lost() {
    return Math.max(0, acked - stored);
  }

  /** On schedule, every acknowledged message stored, and queryable within the drain limit of the step's end. */
  boolean sustained() {
    return achievedRate() >= targetRate * 0.98 && lost() == 0 && drainSeconds <= maxDrainSeconds;
  }

  String describe() {
    return String.format(Locale.ROOT, "%s [%s] @ %d msg/s: acked %d (%.0f/s), stored %d, lost %d, drain %.1f s,"
        + " latency p50 %.0f / p99 %.0f / max %.0f ms (%d probes), CPU system %.0f%% broker %.0f%% db %.0f%%,"
        + " RSS %.0f MiB%s", system, phase, targetRate, acked, achievedRate(), stored, lost(), drainSeconds, p50Ms,
        p99Ms, maxMs, probes, systemCpu, brokerCpu, dbCpu, rssMiB, sustained() ? "  SUSTAINED" : "");
  }
}
