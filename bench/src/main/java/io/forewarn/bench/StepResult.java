package io.forewarn.bench;

/** One held rate step of the ingest benchmark. */
record StepResult(
    String system,
    int targetRate,
    double seconds,
    long published,
    long acked,
    long stored,
    long duplicates,
    double drainSeconds,
    double p50Ms,
    double p99Ms,
    double maxMs,
    double gatewayCpu,
    double brokerCpu,
    double dbCpu,
    double publisherCpu,
    double gatewayRssMiB) {

  double achievedRate() {
    return published / seconds;
  }

  long lost() {
    return published - stored;
  }

  /**
   * Sustained: on schedule, nothing lost or duplicated, and no backlog building up (the last rows
   * are committed within 2 s of the step's end, and 99% of rows within 2 s of their publication).
   */
  boolean sustained() {
    return achievedRate() >= targetRate * 0.98 && lost() == 0 && duplicates == 0 && drainSeconds <= 2.0
        && p99Ms <= 2_000;
  }

  String describe() {
    return String.format(java.util.Locale.ROOT, "%s @ %d msg/s: published %d (%.0f/s), stored %d, lost %d, dup %d,"
        + " drain %.1fs, p50 %.0f ms, p99 %.0f ms, max %.0f ms, CPU gw %.0f%% broker %.0f%% db %.0f%% load %.0f%%,"
        + " RSS %.0f MiB%s", system, targetRate, published, achievedRate(), stored, lost(), duplicates,
        drainSeconds, p50Ms, p99Ms, maxMs, gatewayCpu, brokerCpu, dbCpu, publisherCpu, gatewayRssMiB,
        sustained() ? "  SUSTAINED" : "");
  }
}
