package io.forewarn.gateway.ingest;

import java.time.Duration;

/**
 * How the gateway talks to the broker. {@code receiveMaximum} asks the broker to keep at most this
 * many messages unacknowledged per connection; Mosquitto 2.0 does not hold to it once PUBACKs flow,
 * so the gateway also stops reading at twice this many held ({@link HoldLimit}).
 */
public record MqttSettings(
    String uri,
    String clientId,
    String username,
    String password,
    String sharedGroup,
    Duration sessionExpiry,
    int receiveMaximum,
    Duration keepAlive) {

  public MqttSettings {
    if (uri == null || clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("broker uri and client id are required");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("receive maximum must be in [1, 65535]");
    }
  }

  /** The subscription filter for one topic kind, shared between gateways when a group is set. */
  public String filter(String kindSegment) {
    String plain = "devices/+/" + kindSegment;
    return sharedGroup == null || sharedGroup.isBlank() ? plain : "$share/" + sharedGroup + "/" + plain;
  }
}
