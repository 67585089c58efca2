package io.forewarn.rules.detection.cohort;

import io.forewarn.rules.detection.StateBytes;

/**
 * One group's devices in one time bucket: each device adds one value (its mean residual over the bucket),
 * so the spread is between devices and the standard error falls with the number of devices, not samples
 * (a device's samples within an hour are far from independent). Residuals are centred on zero, so sums
 * of squares lose nothing to cancellation.
 */
public final class GroupStats {
  private int devices;
  private double sum;
  private double sumSquares;

  public void add(double deviceMean) {
    if (!Double.isFinite(deviceMean)) {
      throw new IllegalArgumentException("a device's mean must be finite: " + deviceMean);
    }
    devices++;
    sum += deviceMean;
    sumSquares += deviceMean * deviceMean;
  }

  public int devices() {
    return devices;
  }

  public double sum() {
    return sum;
  }

  public double mean() {
    return devices == 0 ? Double.NaN : sum / devices;
  }

  /** Sample variance between devices (n - 1), 0 below two devices. */
  public double variance() {
    if (devices < 2) {
      return 0;
    }
    return Math.max(0, (sumSquares - sum * sum / devices) / (devices - 1));
  }

  public void clear() {
    devices = 0;
    sum = 0;
    sumSquares = 0;
  }

  public void write(StateBytes.Writer w) {
    w.putInt(devices).putDouble(sum).putDouble(sumSquares);
  }

  public void read(StateBytes.Reader r) {
    devices = r.getInt();
    sum = r.getDouble();
    sumSquares = r.getDouble();
    if (devices < 0) {
      throw new IllegalArgumentException("group state holds " + devices + " devices");
    }
  }
}
