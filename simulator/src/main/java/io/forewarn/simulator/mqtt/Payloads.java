package io.forewarn.simulator.mqtt;

import io.forewarn.simulator.fleet.MetricSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The exact payloads Forewarn's gateway accepts (docs/payloads.md): telemetry on
 * {@code devices/<id>/telemetry} as {@code {"ts":<epoch millis>,"metrics":{...}}} and
 * {@code {"online":true|false,"ts":...,"reason":"..."}} on {@code devices/<id>/status}.
 */
public final class Payloads {
  private Payloads() {}

  public static String telemetryTopic(String deviceId) {
    return "devices/" + deviceId + "/telemetry";
  }

  public static String statusTopic(String deviceId) {
    return "devices/" + deviceId + "/status";
  }

  /**
   * A status change at a simulated instant. The JSON form carries its own {@code ts} (a bare
   * {@code online}/{@code offline} would be stamped with the receive time, wrong in accelerated mode).
   * {@code reason} must be plain text without quotes or backslashes.
   */
  public static byte[] status(boolean online, long epochMillis, String reason) {
    if (reason.indexOf('"') >= 0 || reason.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("reason must not need escaping: " + reason);
    }
    String json = "{\"online\":" + online + ",\"ts\":" + epochMillis + ",\"reason\":\"" + reason + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * One sample; counters and zero-decimal metrics are written as integers, and a {@code NaN} value is a
   * metric left out of this report.
   */
  public static byte[] telemetry(long epochMillis, List<MetricSpec> metrics, double[] values) {
    StringBuilder json = new StringBuilder(32 + metrics.size() * 24);
    json.append("{\"ts\":").append(epochMillis).append(",\"metrics\":{");
    boolean first = true;
    for (int i = 0; i < metrics.size(); i++) {
      if (Double.isNaN(values[i])) {
        continue;
      }
      if (!first) {
        json.append(',');
      }
      first = false;
      MetricSpec m = metrics.get(i);
      json.append('"').append(m.name()).append("\":");
      appendNumber(json, values[i], m.decimals());
    }
    return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Same shape with synthetic metric names, for the load generator. */
  public static byte[] telemetry(long epochMillis, String[] names, double[] values) {
    StringBuilder json = new StringBuilder(32 + names.length * 24);
    json.append("{\"ts\":").append(epochMillis).append(",\"metrics\":{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append('"').append(names[i]).append("\":");
      appendNumber(json, values[i], 2);
    }
    return json.append("}}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  static void appendNumber(StringBuilder json, double value, int decimals) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("metric values must be finite: " + value);
    }
    if (decimals == 0 || value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.append((long) Math.rint(value));
    } else {
      json.append(value);
    }
  }
}
