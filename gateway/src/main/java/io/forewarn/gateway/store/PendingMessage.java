package io.forewarn.gateway.store;

import io.forewarn.common.telemetry.Decoded;
import java.time.Instant;

/** A decoded message waiting to be written, with what the rejects table needs of the original. */
public record PendingMessage(String topic, byte[] payload, Instant receivedAt, Decoded decoded) {
  public PendingMessage {
    if (topic == null || payload == null || receivedAt == null || decoded == null) {
      throw new IllegalArgumentException("topic, payload, receivedAt and decoded are required");
    }
  }
}
