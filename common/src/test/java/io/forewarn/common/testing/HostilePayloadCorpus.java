package io.forewarn.common.testing;

import io.forewarn.common.telemetry.RejectReason;
import io.forewarn.common.testing.BadPayloadCorpus.Case;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The hostile half of the bad-payload corpus: what an attacker, a broken firmware or a fuzzer sends
 * (random and binary bytes, truncations at every structural point, nesting bombs, numbers beyond
 * double and long, timestamp extremes, lone surrogates, NUL, bidi overrides, SQL and COPY-escape
 * strings in device ids and metric names, 10 MB messages, SenML and status variants). Each case
 * names the one reason the decoder must give; {@link BadPayloadCorpus#cases} returns both halves.
 */
final class HostilePayloadCorpus {
  /** Far beyond the 256 KiB default limit, as a flooding or misconfigured device sends. */
  static final int TEN_MB = 10 * 1024 * 1024;

  private final List<Case> cases = new ArrayList<>();
  private final String t;
  private final String senml;
  private final String status;
  private final Instant now;

  private HostilePayloadCorpus(String deviceId, Instant now) {
    this.t = "devices/" + deviceId + "/telemetry";
    this.senml = "devices/" + deviceId + "/senml";
    this.status = "devices/" + deviceId + "/status";
    this.now = now;
  }

  static List<Case> cases(String deviceId, Instant now) {
    HostilePayloadCorpus c = new HostilePayloadCorpus(deviceId, now);
    c.hostileTopics();
    c.bytes();
    c.truncated();
    c.nesting();
    c.numbers();
    c.timestamps();
    c.wrongTypes();
    c.unicode();
    c.injection();
    c.sizes();
    c.senmlVariants();
    c.statusVariants();
    c.partlyBad();
    return List.copyOf(c.cases);
  }

  /** Device ids that must never reach the devices table. The topic is the whole attack, so it is fixed. */
  private void hostileTopics() {
    String ok = "{\"metrics\":{\"a\":1}}";
    text("device id SQL tautology", "devices/x'OR'1'='1/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id SQL stacked query", "devices/1; DROP TABLE devices;--/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id 65 chars", "devices/" + "d".repeat(65) + "/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id empty", "devices//telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id path traversal", "devices/../telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id RTL override", "devices/gpj\u202Eexe/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id Cyrillic homoglyph", "devices/d\u0435v-1/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id zero-width space", "devices/dev\u200B1/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("device id emoji", "devices/\uD83D\uDD25/senml", "[{\"n\":\"a\",\"v\":1}]", RejectReason.BAD_DEVICE_ID);
    text("device id percent-encoded", "devices/%27%20OR%201%3D1/status", "online", RejectReason.BAD_DEVICE_ID);
    text("device id with spaces and quotes", "devices/a \"b\" c/telemetry", ok, RejectReason.BAD_DEVICE_ID);
    text("topic kind in upper case", "devices/up-1/TELEMETRY", ok, RejectReason.BAD_TOPIC);
  }

  private void bytes() {
    for (int size : new int[] {1, 17, 4096, 65_536}) {
      raw("random bytes " + size, t, noise(size, size), RejectReason.MALFORMED_JSON);
    }
    raw("random bytes on senml", senml, noise(300, 7), RejectReason.MALFORMED_JSON);
    raw("random bytes on status", status, noise(300, 8), RejectReason.WRONG_SHAPE);
    raw("single NUL byte", t, new byte[] {0}, RejectReason.MALFORMED_JSON);
    raw("gzip header", t, new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3}, RejectReason.MALFORMED_JSON);
    raw("CBOR map", t, new byte[] {(byte) 0xA1, 0x61, 'a', 0x01}, RejectReason.MALFORMED_JSON);
    raw("protobuf bytes", t, new byte[] {0x0A, 0x05, 't', 'e', 'm', 'p', 'c', 0x15, 0, 0, (byte) 0x80, 0x3F},
        RejectReason.MALFORMED_JSON);
    text("whitespace only", t, " \n\t\r ", RejectReason.WRONG_SHAPE);
    text("JSON number", t, "42", RejectReason.WRONG_SHAPE);
    text("JSON boolean", t, "true", RejectReason.WRONG_SHAPE);
  }

  private void truncated() {
    String full = "{\"ts\":\"" + now + "\",\"metrics\":{\"temp_c\":71.25}}";
    for (int cut : new int[] {1, 2, 6, 10, full.indexOf("\"metrics\"") + 10, full.indexOf("temp_c") + 3,
        full.length() - 3, full.length() - 1}) {
      text("truncated at " + cut + " of " + full.length(), t, full.substring(0, cut), RejectReason.MALFORMED_JSON);
    }
    text("truncated unicode escape", t, "{\"metrics\":{\"\\u00", RejectReason.MALFORMED_JSON);
    raw("truncated multibyte UTF-8", t,
        concat("{\"metrics\":{\"a\":1},\"x\":\"", new byte[] {(byte) 0xE2, (byte) 0x82}),
        RejectReason.MALFORMED_JSON);
    text("truncated SenML", senml, "[{\"n\":\"a\",\"v\":1}", RejectReason.MALFORMED_JSON);
    text("truncated status object", status, "{\"online\":true", RejectReason.MALFORMED_JSON);
  }

  private void nesting() {
    text("objects nested 100 deep in an ignored field", t,
        "{\"metrics\":{\"a\":1},\"x\":" + "{\"x\":".repeat(100) + "1" + "}".repeat(100) + "}",
        RejectReason.MALFORMED_JSON);
    text("arrays nested 33 deep as a value", t, "{\"metrics\":{\"a\":" + "[".repeat(33) + "]".repeat(33) + "}}",
        RejectReason.MALFORMED_JSON);
    text("array bomb at top level", t, "[".repeat(100_000), RejectReason.WRONG_SHAPE);
    text("array bomb in SenML", senml, "[" + "[".repeat(50_000), RejectReason.MALFORMED_JSON);
    text("nesting bomb in status", status, "{\"online\":true,\"x\":" + "[".repeat(10_000) + "}",
        RejectReason.MALFORMED_JSON);
  }

  private void numbers() {
    text("1e309 overflows double", t, "{\"metrics\":{\"a\":1e309}}", RejectReason.NON_FINITE);
    text("-1e309 overflows double", t, "{\"metrics\":{\"a\":-1e309}}", RejectReason.NON_FINITE);
    text("350-digit integer", t, "{\"metrics\":{\"a\":" + "9".repeat(350) + "}}", RejectReason.NON_FINITE);
    text("5000-digit integer", t, "{\"metrics\":{\"a\":" + "9".repeat(5_000) + "}}", RejectReason.MALFORMED_JSON);
    text("-Infinity literal", t, "{\"metrics\":{\"a\":-Infinity}}", RejectReason.MALFORMED_JSON);
    text("lower-case nan", t, "{\"metrics\":{\"a\":nan}}", RejectReason.MALFORMED_JSON);
    text("NaN as a string", t, "{\"metrics\":{\"a\":\"NaN\"}}", RejectReason.WRONG_TYPE);
    text("Infinity as a string", t, "{\"metrics\":{\"a\":\"Infinity\"}}", RejectReason.WRONG_TYPE);
    text("hex number", t, "{\"metrics\":{\"a\":0x1F}}", RejectReason.MALFORMED_JSON);
    text("leading zero", t, "{\"metrics\":{\"a\":0012}}", RejectReason.MALFORMED_JSON);
    text("leading plus", t, "{\"metrics\":{\"a\":+1}}", RejectReason.MALFORMED_JSON);
    text("bare decimal point", t, "{\"metrics\":{\"a\":.5}}", RejectReason.MALFORMED_JSON);
  }

  private void timestamps() {
    String m = ",\"metrics\":{\"a\":1}}";
    text("ts Long.MAX_VALUE millis", t, "{\"ts\":" + Long.MAX_VALUE + m, RejectReason.TIMESTAMP_IN_FUTURE);
    text("ts Long.MIN_VALUE millis", t, "{\"ts\":" + Long.MIN_VALUE + m, RejectReason.TIMESTAMP_TOO_OLD);
    text("ts Long.MAX_VALUE + 1", t, "{\"ts\":9223372036854775808" + m, RejectReason.BAD_TIMESTAMP);
    text("ts zero", t, "{\"ts\":0" + m, RejectReason.TIMESTAMP_TOO_OLD);
    text("ts negative", t, "{\"ts\":-1" + m, RejectReason.TIMESTAMP_TOO_OLD);
    text("ts fractional millis", t, "{\"ts\":1.7954e12" + m, RejectReason.BAD_TIMESTAMP);
    text("ts year +999999999", t, "{\"ts\":\"+999999999-12-31T23:59:59Z\"" + m, RejectReason.TIMESTAMP_IN_FUTURE);
    text("ts year -999999999", t, "{\"ts\":\"-999999999-01-01T00:00:00Z\"" + m, RejectReason.TIMESTAMP_TOO_OLD);
    text("ts February 30", t, "{\"ts\":\"2026-02-30T00:00:00Z\"" + m, RejectReason.BAD_TIMESTAMP);
    text("ts hour 25", t, "{\"ts\":\"2026-11-23T25:00:00Z\"" + m, RejectReason.BAD_TIMESTAMP);
    text("ts leap second", t, "{\"ts\":\"2026-12-31T23:59:60Z\"" + m, RejectReason.BAD_TIMESTAMP);
    text("ts empty string", t, "{\"ts\":\"\"" + m, RejectReason.BAD_TIMESTAMP);
    text("ts millis as a string", t, "{\"ts\":\"" + now.toEpochMilli() + "\"" + m, RejectReason.BAD_TIMESTAMP);
    text("ts array", t, "{\"ts\":[2026,11,23]" + m, RejectReason.BAD_TIMESTAMP);
    text("ts object", t, "{\"ts\":{\"$date\":1}" + m, RejectReason.BAD_TIMESTAMP);
    text("ts 10 minutes ahead", t, "{\"ts\":\"" + now.plusSeconds(600) + "\"" + m, RejectReason.TIMESTAMP_IN_FUTURE);
    text("ts 8 days old", t, "{\"ts\":\"" + now.minusSeconds(8 * 86_400) + "\"" + m, RejectReason.TIMESTAMP_TOO_OLD);
  }

  private void wrongTypes() {
    text("metrics is a string", t, "{\"metrics\":\"a=1\"}", RejectReason.WRONG_SHAPE);
    text("metrics is a number", t, "{\"metrics\":1}", RejectReason.WRONG_SHAPE);
    text("metrics is null", t, "{\"metrics\":null}", RejectReason.WRONG_SHAPE);
    text("samples is an object", t, "{\"samples\":{\"ts\":1}}", RejectReason.WRONG_SHAPE);
    text("samples holds numbers", t, "{\"samples\":[1,2,3]}", RejectReason.WRONG_SHAPE);
    text("samples is empty", t, "{\"samples\":[]}", RejectReason.MISSING_METRICS);
    text("sample metrics is an array", t, "{\"samples\":[{\"ts\":\"" + now + "\",\"metrics\":[1]}]}",
        RejectReason.WRONG_SHAPE);
    text("array value", t, "{\"metrics\":{\"a\":[1]}}", RejectReason.WRONG_TYPE);
    text("boolean as a string", t, "{\"metrics\":{\"a\":\"true\"}}", RejectReason.WRONG_TYPE);
    text("Arabic-Indic digit string", t, "{\"metrics\":{\"a\":\"\u0663\"}}", RejectReason.WRONG_TYPE);
  }

  private void unicode() {
    text("lone high surrogate escape in metric name", t, "{\"metrics\":{\"\\ud800\":1}}", RejectReason.BAD_METRIC_NAME);
    text("lone low surrogate escape in metric name", t, "{\"metrics\":{\"a\\udc00\":1}}", RejectReason.BAD_METRIC_NAME);
    raw("CESU-8 surrogate bytes in metric name", t, concat("{\"metrics\":{\"", new byte[] {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, "\":1}}"), RejectReason.BAD_METRIC_NAME);
    text("NUL escape in metric name", t, "{\"metrics\":{\"a\\u0000b\":1}}", RejectReason.BAD_METRIC_NAME);
    raw("raw NUL inside a string", t, concat("{\"metrics\":{\"a", new byte[] {0}, "\":1}}"),
        RejectReason.MALFORMED_JSON);
    text("RTL override in metric name", t, "{\"metrics\":{\"temp\u202E_c\":1}}", RejectReason.BAD_METRIC_NAME);
    text("zero-width joiner in metric name", t, "{\"metrics\":{\"te\u200Dmp\":1}}", RejectReason.BAD_METRIC_NAME);
    text("emoji metric name", t, "{\"metrics\":{\"\uD83D\uDD25\":1}}", RejectReason.BAD_METRIC_NAME);
    // The JSON parser decodes overlong forms leniently (C0 AF becomes '/'); the name rule still has to catch NUL.
    raw("overlong UTF-8 NUL in metric name", t, concat("{\"metrics\":{\"a", new byte[] {(byte) 0xC0, (byte) 0x80},
        "\":1}}"), RejectReason.BAD_METRIC_NAME);
    raw("5-byte UTF-8 lead", t, concat("{\"metrics\":{\"a", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80,
        (byte) 0x80, (byte) 0x80}, "\":1}}"), RejectReason.MALFORMED_JSON);
    raw("code point above U+10FFFF", t, concat("{\"metrics\":{\"a", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
        (byte) 0x80}, "\":1}}"), RejectReason.BAD_METRIC_NAME);
    text("metric name 64 chars", t, "{\"metrics\":{\"" + "m".repeat(64) + "\":1}}", RejectReason.BAD_METRIC_NAME);
    text("metric name 10 000 chars", t, "{\"metrics\":{\"" + "m".repeat(10_000) + "\":1}}",
        RejectReason.BAD_METRIC_NAME);
    // Beyond the parser's own name limit (50 000) the parser stops first, with that limit in the detail.
    text("metric name 100 000 chars", t, "{\"metrics\":{\"" + "m".repeat(100_000) + "\":1}}",
        RejectReason.MALFORMED_JSON);
  }

  /** Strings that would do harm if anything concatenated them into SQL or a COPY stream. */
  private void injection() {
    text("SQL in metric name (quote paren)", t, "{\"metrics\":{\"temp'); DELETE FROM telemetry; --\":1}}",
        RejectReason.BAD_METRIC_NAME);
    text("SQL comment in metric name", t, "{\"metrics\":{\"a/**/OR/**/1=1\":1}}", RejectReason.BAD_METRIC_NAME);
    text("dollar quote in metric name", t, "{\"metrics\":{\"$$;DROP TABLE metrics;$$\":1}}",
        RejectReason.BAD_METRIC_NAME);
    text("COPY escapes in metric name", t, "{\"metrics\":{\"a\\tb\\nc\\\\.\":1}}", RejectReason.BAD_METRIC_NAME);
    text("SQL in ts", t, "{\"ts\":\"'; DROP TABLE telemetry; --\",\"metrics\":{\"a\":1}}", RejectReason.BAD_TIMESTAMP);
    text("SQL as a metric value", t, "{\"metrics\":{\"a\":\"1); DROP TABLE telemetry; --\"}}", RejectReason.WRONG_TYPE);
    text("SQL in SenML name", senml, "[{\"n\":\"x' OR '1'='1\",\"v\":1}]", RejectReason.BAD_METRIC_NAME);
  }

  private void sizes() {
    byte[] padded = new byte[TEN_MB];
    Arrays.fill(padded, (byte) ' ');
    byte[] json = "{\"metrics\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(json, 0, padded, padded.length - json.length, json.length);
    raw("10 MB whitespace then valid JSON", t, padded, RejectReason.PAYLOAD_TOO_LARGE);
    raw("10 MB random bytes", t, noise(TEN_MB, 10), RejectReason.PAYLOAD_TOO_LARGE);
    raw("10 MB SenML on senml", senml, padded, RejectReason.PAYLOAD_TOO_LARGE);
    raw("10 MB status", status, padded, RejectReason.PAYLOAD_TOO_LARGE);
    text("1001 samples", t, "{\"samples\":[" + repeatJoined("{\"ts\":\"" + now + "\",\"metrics\":{\"a\":1}}", 1_001)
        + "]}", RejectReason.TOO_MANY_SAMPLES);
    text("201 metrics", t, "{\"metrics\":{" + metrics(201) + "}}", RejectReason.TOO_MANY_METRICS);
    text("300 copies of one key", t, "{\"metrics\":{" + repeatJoined("\"a\":1", 300) + "}}",
        RejectReason.TOO_MANY_METRICS);
    text("100 KB string value", t, "{\"metrics\":{\"a\":\"" + "x".repeat(100_000) + "\"}}", RejectReason.WRONG_TYPE);
  }

  private void senmlVariants() {
    text("SenML empty array", senml, "[]", RejectReason.MISSING_METRICS);
    text("SenML array of strings", senml, "[\"a\",\"b\"]", RejectReason.WRONG_SHAPE);
    text("SenML n is a number", senml, "[{\"n\":1,\"v\":1}]", RejectReason.WRONG_SHAPE);
    text("SenML vb is a string", senml, "[{\"n\":\"a\",\"vb\":\"true\"}]", RejectReason.WRONG_SHAPE);
    text("SenML bver 99", senml, "[{\"bver\":99,\"n\":\"a\",\"v\":1}]", RejectReason.WRONG_SHAPE);
    text("SenML record without value", senml, "[{\"n\":\"a\",\"u\":\"Cel\"}]", RejectReason.MISSING_METRICS);
    text("SenML data value", senml, "[{\"n\":\"a\",\"vd\":\"aGVsbG8=\"}]", RejectReason.WRONG_TYPE);
    text("SenML no name at all", senml, "[{\"v\":1}]", RejectReason.BAD_METRIC_NAME);
    text("SenML v 1e400", senml, "[{\"n\":\"a\",\"v\":1e400}]", RejectReason.NON_FINITE);
    text("SenML v NaN literal", senml, "[{\"n\":\"a\",\"v\":NaN}]", RejectReason.MALFORMED_JSON);
    text("SenML bt 1e400", senml, "[{\"bt\":1e400,\"n\":\"a\",\"v\":1}]", RejectReason.BAD_TIMESTAMP);
    text("SenML bt 1e300", senml, "[{\"bt\":1e300,\"n\":\"a\",\"v\":1}]", RejectReason.TIMESTAMP_IN_FUTURE);
    text("SenML t -1e300", senml, "[{\"n\":\"a\",\"t\":-1e300,\"v\":1}]", RejectReason.TIMESTAMP_TOO_OLD);
    text("SenML is the Forewarn format", senml, "{\"metrics\":{\"a\":1}}", RejectReason.WRONG_SHAPE);
    text("Forewarn topic carries SenML", t, "[{\"n\":\"a\",\"v\":1}]", RejectReason.WRONG_SHAPE);
  }

  private void statusVariants() {
    text("status empty", status, "", RejectReason.EMPTY_PAYLOAD);
    text("status online is a string", status, "{\"online\":\"yes\"}", RejectReason.WRONG_SHAPE);
    text("status word unknown", status, "{\"status\":\"maybe\"}", RejectReason.WRONG_SHAPE);
    text("status JSON array", status, "[true]", RejectReason.WRONG_SHAPE);
    text("status word with RTL override", status, "online\u202E", RejectReason.WRONG_SHAPE);
    text("status ts garbage", status, "{\"online\":true,\"ts\":\"soon\"}", RejectReason.BAD_TIMESTAMP);
    text("status ts far future", status, "{\"online\":false,\"ts\":\"" + now.plusSeconds(86_400) + "\"}",
        RejectReason.TIMESTAMP_IN_FUTURE);
    text("status trailing garbage", status, "{\"online\":true} DROP", RejectReason.MALFORMED_JSON);
  }

  /** One bad part in an otherwise good message: the good part is stored, the bad part recorded. */
  private void partlyBad() {
    String ts = "\"ts\":\"" + now + "\"";
    partly("one lone surrogate name among good", t, "{" + ts + ",\"metrics\":{\"ok\":1,\"\\ud800x\":2}}",
        RejectReason.BAD_METRIC_NAME);
    partly("one NUL name among good", t, "{" + ts + ",\"metrics\":{\"ok\":1,\"a\\u0000\":2}}",
        RejectReason.BAD_METRIC_NAME);
    partly("one SQL name among good", t, "{" + ts + ",\"metrics\":{\"ok\":1,\"x';--\":2}}",
        RejectReason.BAD_METRIC_NAME);
    partly("one bad-ts sample in a batch", t, "{\"samples\":[{" + ts + ",\"metrics\":{\"ok\":1}},"
        + "{\"ts\":\"never\",\"metrics\":{\"ok\":2}}]}", RejectReason.BAD_TIMESTAMP);
    partly("one future sample in a batch", t, "{\"samples\":[{" + ts + ",\"metrics\":{\"ok\":1}},"
        + "{\"ts\":" + Long.MAX_VALUE + ",\"metrics\":{\"ok\":2}}]}", RejectReason.TIMESTAMP_IN_FUTURE);
    partly("one SenML string among numbers", senml, "[{\"n\":\"ok\",\"v\":1},{\"n\":\"s\",\"vs\":\"on\"}]",
        RejectReason.WRONG_TYPE);
  }

  private void text(String name, String topic, String payload, RejectReason reason) {
    raw(name, topic, payload.getBytes(StandardCharsets.UTF_8), reason);
  }

  private void raw(String name, String topic, byte[] payload, RejectReason reason) {
    cases.add(new Case(name, topic, payload, reason, false));
  }

  private void partly(String name, String topic, String payload, RejectReason reason) {
    cases.add(new Case(name, topic, payload.getBytes(StandardCharsets.UTF_8), reason, true));
  }

  /** Deterministic noise that no JSON value starts with (0xFF is never valid UTF-8). */
  private static byte[] noise(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    b[0] = (byte) 0xFF;
    return b;
  }

  private static byte[] concat(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object p : parts) {
      out.writeBytes(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String repeatJoined(String item, int n) {
    return String.join(",", java.util.Collections.nCopies(n, item));
  }

  private static String metrics(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":").append(i);
    }
    return sb.toString();
  }
}
