package io.forewarn.rules.engine;

import io.forewarn.rules.detection.StateBytes;

/** A device's own state (last ts, learnt interval, offline) kept next to its rules' in detector_state. */
final class DeviceSnapshot {
  private static final int KIND = 0x44455643; // "DEVC"

  private DeviceSnapshot() {}

  static byte[] write(DeviceState d) {
    return new StateBytes.Writer(KIND, 1).putLong(d.lastTs).putLong(d.samples).putLong(d.intervalMillis)
        .putInt(d.offline ? 1 : 0).toByteArray();
  }

  static void read(DeviceState d, byte[] state) {
    StateBytes.Reader r = new StateBytes.Reader(state, KIND, 1);
    d.lastTs = r.getLong();
    d.samples = r.getLong();
    d.intervalMillis = r.getLong();
    d.offline = r.getInt() == 1;
    r.end();
  }
}
