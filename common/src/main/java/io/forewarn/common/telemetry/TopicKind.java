package io.forewarn.common.telemetry;

/** The three MQTT topics a device publishes to: {@code devices/<id>/<kind>}. */
public enum TopicKind {
  /** Forewarn's JSON telemetry format. */
  TELEMETRY("telemetry"),
  /** SenML JSON (RFC 8428). */
  SENML("senml"),
  /** Online/offline state: birth, last will, explicit status. */
  STATUS("status");

  private final String segment;

  TopicKind(String segment) {
    this.segment = segment;
  }

  public String segment() {
    return segment;
  }

  public String topicFor(String deviceId) {
    return "devices/" + deviceId + "/" + segment;
  }

  static TopicKind fromSegment(String segment) {
    for (TopicKind kind : values()) {
      if (kind.segment.equals(segment)) {
        return kind;
      }
    }
    return null;
  }
}
