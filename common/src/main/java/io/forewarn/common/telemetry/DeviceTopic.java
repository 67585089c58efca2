package io.forewarn.common.telemetry;

/** A parsed device topic. {@link #parse} returns {@code null} for anything that is not one. */
public record DeviceTopic(String deviceId, TopicKind kind) {
  public DeviceTopic {
    if (!isValidDeviceId(deviceId)) {
      throw new IllegalArgumentException("invalid device id: " + deviceId);
    }
    if (kind == null) {
      throw new IllegalArgumentException("kind is required");
    }
  }

  public static boolean isValidDeviceId(String deviceId) {
    return NameRules.isValidDeviceId(deviceId);
  }

  /** The device id segment of {@code devices/<id>/...}, valid or not, or {@code null}. */
  static String rawDeviceId(String topic) {
    if (topic == null || !topic.startsWith("devices/")) {
      return null;
    }
    int end = topic.indexOf('/', "devices/".length());
    return end < 0 ? null : topic.substring("devices/".length(), end);
  }

  static TopicKind rawKind(String topic) {
    int last = topic == null ? -1 : topic.lastIndexOf('/');
    return last < 0 ? null : TopicKind.fromSegment(topic.substring(last + 1));
  }

  static boolean hasThreeSegments(String topic) {
    return topic != null && topic.chars().filter(c -> c == '/').count() == 2;
  }
}
