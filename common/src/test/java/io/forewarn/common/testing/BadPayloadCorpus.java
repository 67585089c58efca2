package io.forewarn.common.testing;

import io.forewarn.common.telemetry.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Malformed and hostile messages, each with the reason it must be rejected for. Used by the
 * decoder's unit tests and by the gateway's bad-input integration test (which also checks that the
 * good messages interleaved with them are stored). This class holds the everyday mistakes;
 * {@link HostilePayloadCorpus} the attacks and extremes.
 */
public final class BadPayloadCorpus {
  /** One bad message. {@code partial} means the good part of it must still be stored. */
  public record Case(String name, String topic, byte[] payload, RejectReason reason, boolean partial) {
    @Override
    public String toString() {
      return name;
    }
  }

  private BadPayloadCorpus() {}

  public static List<Case> cases(String deviceId, Instant now) {
    String t = "devices/" + deviceId + "/telemetry";
    String senml = "devices/" + deviceId + "/senml";
    String status = "devices/" + deviceId + "/status";
    String ts = "\"" + now + "\"";
    List<Case> c = new ArrayList<>();
    c.add(whole("empty payload", t, "", RejectReason.EMPTY_PAYLOAD));
    c.add(whole("plain text", t, "hello", RejectReason.MALFORMED_JSON));
    c.add(whole("truncated JSON", t, "{\"ts\":" + ts + ",\"metrics\":{\"a\":1", RejectReason.MALFORMED_JSON));
    c.add(whole("trailing garbage", t, "{\"metrics\":{\"a\":1}} x", RejectReason.MALFORMED_JSON));
    c.add(whole("NaN literal", t, "{\"metrics\":{\"a\":NaN}}", RejectReason.MALFORMED_JSON));
    c.add(whole("Infinity literal", t, "{\"metrics\":{\"a\":Infinity}}", RejectReason.MALFORMED_JSON));
    c.add(whole("JSON array", t, "[1,2,3]", RejectReason.WRONG_SHAPE));
    c.add(whole("JSON string", t, "\"metrics\"", RejectReason.WRONG_SHAPE));
    c.add(whole("JSON null", t, "null", RejectReason.WRONG_SHAPE));
    c.add(whole("metrics is an array", t, "{\"metrics\":[1,2]}", RejectReason.WRONG_SHAPE));
    c.add(whole("no metrics", t, "{\"ts\":" + ts + "}", RejectReason.MISSING_METRICS));
    c.add(whole("empty metrics", t, "{\"metrics\":{}}", RejectReason.MISSING_METRICS));
    c.add(whole("string value only", t, "{\"metrics\":{\"a\":\"71.2\"}}", RejectReason.WRONG_TYPE));
    c.add(whole("null value only", t, "{\"metrics\":{\"a\":null}}", RejectReason.WRONG_TYPE));
    c.add(whole("object value only", t, "{\"metrics\":{\"a\":{\"b\":1}}}", RejectReason.WRONG_TYPE));
    c.add(whole("huge number only", t, "{\"metrics\":{\"a\":1e400}}", RejectReason.NON_FINITE));
    c.add(whole("bad metric name only", t, "{\"metrics\":{\"1abc\":1}}", RejectReason.BAD_METRIC_NAME));
    c.add(whole("sql in metric name", t, "{\"metrics\":{\"a'; DROP TABLE telemetry;--\":1}}",
        RejectReason.BAD_METRIC_NAME));
    c.add(whole("unicode metric name", t, "{\"metrics\":{\"темп\":1}}", RejectReason.BAD_METRIC_NAME));
    c.add(whole("ts garbage", t, "{\"ts\":\"yesterday\",\"metrics\":{\"a\":1}}", RejectReason.BAD_TIMESTAMP));
    c.add(whole("ts boolean", t, "{\"ts\":true,\"metrics\":{\"a\":1}}", RejectReason.BAD_TIMESTAMP));
    c.add(whole("ts without offset", t, "{\"ts\":\"2026-11-23T10:00:00\",\"metrics\":{\"a\":1}}",
        RejectReason.BAD_TIMESTAMP));
    c.add(whole("ts far future", t, "{\"ts\":\"" + now.plusSeconds(86_400) + "\",\"metrics\":{\"a\":1}}",
        RejectReason.TIMESTAMP_IN_FUTURE));
    c.add(whole("ts year 1970 (epoch seconds sent as millis)", t,
        "{\"ts\":" + now.getEpochSecond() + ",\"metrics\":{\"a\":1}}", RejectReason.TIMESTAMP_TOO_OLD));
    c.add(whole("ts beyond Instant range", t, "{\"ts\":99999999999999999999999,\"metrics\":{\"a\":1}}",
        RejectReason.BAD_TIMESTAMP));
    c.add(whole("too many metrics", t, "{\"metrics\":{" + manyMetrics(500) + "}}", RejectReason.TOO_MANY_METRICS));
    c.add(whole("deep nesting", t, "{\"metrics\":{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}}",
        RejectReason.MALFORMED_JSON));
    c.add(whole("oversized payload", t, "{\"metrics\":{\"a\":1},\"pad\":\"" + "x".repeat(300 * 1024) + "\"}",
        RejectReason.PAYLOAD_TOO_LARGE));
    c.add(new Case("random bytes", t, randomBytes(512), RejectReason.MALFORMED_JSON, false));
    c.add(new Case("invalid UTF-8", t, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
        RejectReason.MALFORMED_JSON, false));
    c.add(whole("both metrics and samples", t, "{\"metrics\":{\"a\":1},\"samples\":[]}", RejectReason.WRONG_SHAPE));
    c.add(whole("samples without ts", t, "{\"samples\":[{\"metrics\":{\"a\":1}}]}", RejectReason.MISSING_TIMESTAMP));
    c.add(whole("bad topic", "devices/" + deviceId + "/telemetry/extra", "{\"metrics\":{\"a\":1}}",
        RejectReason.BAD_TOPIC));
    c.add(whole("senml not an array", senml, "{\"n\":\"a\",\"v\":1}", RejectReason.WRONG_SHAPE));
    c.add(whole("senml string value", senml, "[{\"n\":\"a\",\"vs\":\"on\"}]", RejectReason.WRONG_TYPE));
    c.add(whole("senml v is a string", senml, "[{\"n\":\"a\",\"v\":\"1\"}]", RejectReason.WRONG_SHAPE));
    c.add(whole("status gibberish", status, "maybe", RejectReason.WRONG_SHAPE));
    c.add(whole("status without online", status, "{\"reason\":\"x\"}", RejectReason.WRONG_SHAPE));
    // Partly bad: the good metrics are stored, the bad one recorded.
    c.add(partly("one string among numbers", t, "{\"ts\":" + ts + ",\"metrics\":{\"good\":1,\"bad\":\"x\"}}",
        RejectReason.WRONG_TYPE));
    c.add(partly("one huge number among numbers", t, "{\"ts\":" + ts + ",\"metrics\":{\"good\":2,\"big\":-1e999}}",
        RejectReason.NON_FINITE));
    c.add(partly("duplicate metric key", t, "{\"ts\":" + ts + ",\"metrics\":{\"good\":3,\"good\":4}}",
        RejectReason.DUPLICATE_METRIC));
    c.addAll(HostilePayloadCorpus.cases(deviceId, now));
    return List.copyOf(c);
  }

  private static Case whole(String name, String topic, String payload, RejectReason reason) {
    return new Case(name, topic, payload.getBytes(StandardCharsets.UTF_8), reason, false);
  }

  private static Case partly(String name, String topic, String payload, RejectReason reason) {
    return new Case(name, topic, payload.getBytes(StandardCharsets.UTF_8), reason, true);
  }

  private static String manyMetrics(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    return sb.toString();
  }

  /** Deterministic noise that is never valid JSON (starts with a byte no JSON value starts with). */
  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new java.util.Random(42).nextBytes(b);
    b[0] = (byte) 0xFF;
    return Arrays.copyOf(b, n);
  }
}
