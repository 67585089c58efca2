package io.forewarn.common.telemetry;

import java.time.Instant;
import java.util.List;

/** The outcome of decoding one MQTT message. */
public sealed interface Decoded {

  /** The device id from the topic, or {@code null} when the topic had none. */
  String deviceId();

  /** Telemetry to store. {@code dropped} lists the parts left out (the partial-message rule). */
  record Telemetry(String deviceId, List<Sample> samples, List<Dropped> dropped) implements Decoded {
    public Telemetry {
      samples = List.copyOf(samples);
      dropped = List.copyOf(dropped);
      if (samples.isEmpty()) {
        throw new IllegalArgumentException("accepted telemetry needs at least one sample");
      }
    }

    public int metricCount() {
      int n = 0;
      for (Sample s : samples) {
        n += s.metrics().size();
      }
      return n;
    }
  }

  /** A device said it is online or offline (birth, last will, or explicit status). */
  record Status(String deviceId, boolean online, Instant ts, String reason) implements Decoded {}

  /** Nothing of the message can be stored. */
  record Rejected(String deviceId, RejectReason reason, String detail) implements Decoded {
    public Rejected {
      if (reason == null) {
        throw new IllegalArgumentException("reason is required");
      }
    }
  }
}
