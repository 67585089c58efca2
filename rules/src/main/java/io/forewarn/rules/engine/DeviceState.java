package io.forewarn.rules.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device's place in time. Its report interval is learnt from the gaps it shows (a fleet can run
 * other intervals than the catalogue's), starting from the model's nominal one.
 */
final class DeviceState {
  final DeviceInfo info;
  final Map<String, RuleInstance> rules = new LinkedHashMap<>();
  long lastTs = Long.MIN_VALUE;
  long samples;
  long intervalMillis;
  boolean offline;
  boolean dirty;

  DeviceState(DeviceInfo info, long nominalIntervalMillis) {
    this.info = info;
    this.intervalMillis = nominalIntervalMillis;
  }

  /** Gaps of a skipped report or an outage must not stretch the interval: only plausible gaps count. */
  void learnGap(long gap, boolean first) {
    if (first) {
      intervalMillis = gap;
    } else if (gap <= 1.5 * intervalMillis && gap >= intervalMillis / 2) {
      intervalMillis = Math.round(0.9 * intervalMillis + 0.1 * gap);
    }
  }
}
