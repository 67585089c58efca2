package io.forewarn.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of the payload decoder (no I/O). For any topic and any bytes it must return,
 * never throw; a rejection always names a reason (and, but for an empty payload, says what was wrong);
 * whatever it accepts obeys the limits the store relies on: finite values, plausible timestamps, valid
 * unique metric names, bounded sample and metric counts. Tight limits make the count rules reachable.
 */
class TelemetryDecoderFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final PayloadLimits TIGHT = new PayloadLimits(4_096, 4, 3, Duration.ofMinutes(5), Duration.ofDays(7));
  private static final List<TelemetryDecoder> DECODERS = List.of(new TelemetryDecoder(PayloadLimits.DEFAULTS),
      new TelemetryDecoder(TIGHT));
  private static final List<String> FIELDS = List.of("ts", "metrics", "samples", "n", "v", "vb", "vs", "vd", "s",
      "t", "u", "bn", "bt", "bu", "bv", "bs", "bver", "online", "status", "reason", "temp_c", "a");

  @Property(tries = 600)
  void arbitrary_bytes_on_any_device_topic_never_throw_and_keep_the_invariants(
      @ForAll("deviceTopics") String topic, @ForAll @Size(max = 600) byte[] payload) {
    // WHEN arbitrary bytes arrive THEN every decoder returns a result that keeps the invariants
    decodeAndCheck(topic, payload);
  }

  @Property(tries = 400)
  void arbitrary_unicode_text_incl_surrogates_and_controls_never_throws(
      @ForAll("deviceTopics") String topic, @ForAll("hostileText") String text) {
    decodeAndCheck(topic, text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void arbitrary_topics_never_throw(@ForAll("hostileText") String topic, @ForAll("validTelemetry") String payload) {
    Decoded d = decodeAndCheck(topic, payload.getBytes(StandardCharsets.UTF_8)).getFirst();
    // THEN a topic outside devices/<valid id>/<kind> is never accepted
    if (!(d instanceof Decoded.Rejected)) {
      assertThat(topic).matches("devices/[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}/(telemetry|senml|status)");
    }
  }

  @Property(tries = 800)
  void structured_but_wrong_json_never_throws_and_accepted_parts_are_valid(@ForAll("structuredMessages") Message m) {
    List<Decoded> results = decodeAndCheck(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8));
    Statistics.label("outcome").collect(results.getFirst().getClass().getSimpleName());
    Statistics.label("outcome").coverage(check -> {
      check.check("Rejected").percentage(p -> p > 10);
      check.check("Telemetry").percentage(p -> p > 10);
    });
  }

  @Property(tries = 400)
  void mutated_valid_messages_never_throw(@ForAll("validTelemetry") String payload,
      @ForAll @Size(min = 1, max = 4) List<Integer> positions, @ForAll byte replacement) {
    // GIVEN a valid message with a few bytes overwritten
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    for (int pos : positions) {
      bytes[Math.floorMod(pos, bytes.length)] = replacement;
    }
    decodeAndCheck("devices/mut-1/telemetry", bytes);
  }

  @Property(tries = 300)
  void valid_messages_are_accepted_with_every_metric(@ForAll("validTelemetry") String payload) {
    // The generator of valid input is itself checked, so the properties above are not vacuous.
    Decoded d = DECODERS.getFirst().decode("devices/ok-1/telemetry", payload.getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(d).as(payload).isInstanceOf(Decoded.Telemetry.class);
    assertThat(((Decoded.Telemetry) d).dropped()).isEmpty();
  }

  private static List<Decoded> decodeAndCheck(String topic, byte[] payload) {
    return DECODERS.stream().map(decoder -> {
      Decoded d = decoder.decode(topic, payload, NOW);
      assertInvariants(d, decoder.limits());
      // Decoding is a pure function of its input: the same message always gets the same verdict.
      assertThat(decoder.decode(topic, payload, NOW)).isEqualTo(d);
      return d;
    }).toList();
  }

  static void assertInvariants(Decoded d, PayloadLimits limits) {
    assertThat(d).isNotNull();
    switch (d) {
      case Decoded.Rejected r -> {
        assertThat(r.reason()).isNotNull();
        assertThat(r.reason().code()).isNotBlank();
        if (r.reason() != RejectReason.EMPTY_PAYLOAD) {
          assertThat(r.detail()).as("detail of %s", r.reason()).isNotBlank();
          // The decoder's last-resort catch names the exception class: an internal bug, not a reason.
          assertThat(r.detail()).as("detail of %s", r.reason()).doesNotContainPattern("^\\w+(Exception|Error): ");
        }
      }
      case Decoded.Status s -> {
        assertThat(DeviceTopic.isValidDeviceId(s.deviceId())).isTrue();
        assertPlausible(s.ts(), limits);
      }
      case Decoded.Telemetry t -> {
        assertThat(DeviceTopic.isValidDeviceId(t.deviceId())).isTrue();
        assertThat(t.samples()).hasSizeBetween(1, limits.maxSamplesPerMessage());
        for (Sample sample : t.samples()) {
          assertPlausible(sample.ts(), limits);
          assertThat(sample.metrics()).hasSizeBetween(1, limits.maxMetricsPerSample());
          Set<String> names = new HashSet<>();
          for (MetricValue m : sample.metrics()) {
            assertThat(Double.isFinite(m.value())).as(m.name()).isTrue();
            assertThat(SampleBuilder.isValidMetricName(m.name())).as(m.name()).isTrue();
            assertThat(names.add(m.name())).as("unique " + m.name()).isTrue();
          }
        }
        t.dropped().forEach(x -> assertThat(x.reason()).isNotNull());
      }
    }
  }

  private static void assertPlausible(Instant ts, PayloadLimits limits) {
    assertThat(ts).isBetween(NOW.minus(limits.maxAge()), NOW.plus(limits.maxFuture()));
  }

  @Provide
  Arbitrary<String> deviceTopics() {
    Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of("dev-1", "a", "x'OR'1'='1", "", "..", "d\u202Ee"),
        Arbitraries.strings().withChars("abcXYZ019_.:-/ '\"\0").ofMaxLength(70));
    return Combinators.combine(id, Arbitraries.of("telemetry", "senml", "status"))
        .as((i, kind) -> "devices/" + i + "/" + kind);
  }

  @Provide
  Arbitrary<String> hostileText() {
    // Lone surrogates, NUL and bidi controls on top of the whole BMP.
    return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\",:0123456789eE.-+ tsmeticrv\\u\uD800\uDC00\0\u202E").ofMaxLength(200));
  }

  /** A topic and a payload meant for it, so most messages get past the topic and shape checks. */
  record Message(String topic, String payload) {}

  @Provide
  Arbitrary<Message> structuredMessages() {
    return Arbitraries.oneOf(telemetryShaped().map(p -> new Message("devices/dev-1/telemetry", p)),
        senmlShaped().map(p -> new Message("devices/dev-1/senml", p)),
        json(3).map(p -> new Message("devices/dev-1/status", p)),
        Combinators.combine(deviceTopics(), json(3)).as(Message::new));
  }

  @Provide
  Arbitrary<String> validTelemetry() {
    Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> value = Arbitraries.doubles().between(-1e12, 1e12).map(String::valueOf);
    Arbitrary<String> metrics = Combinators.combine(name, value).as((n, v) -> quote(n) + ":" + v)
        .list().ofMinSize(1).ofMaxSize(8).uniqueElements(e -> e.substring(0, e.indexOf(':')))
        .map(l -> "{" + String.join(",", l) + "}");
    Arbitrary<Long> offset = Arbitraries.longs().between(-Duration.ofDays(6).toMillis(),
        Duration.ofMinutes(4).toMillis());
    return Combinators.combine(metrics, offset)
        .as((m, o) -> "{\"ts\":" + (NOW.toEpochMilli() + o) + ",\"metrics\":" + m + "}");
  }

  /** Forewarn-format objects with right and wrong parts mixed: the decoder's interesting paths. */
  private Arbitrary<String> telemetryShaped() {
    Arbitrary<String> metrics = Combinators.combine(metricName(), scalar()).as((n, v) -> quote(n) + ":" + v)
        .list().ofMaxSize(7).map(l -> "{" + String.join(",", l) + "}");
    Arbitrary<String> metricsField = Arbitraries.oneOf(metrics, metrics, json(1));
    Arbitrary<String> sample = Combinators.combine(timestamp(), metricsField)
        .as((ts, m) -> "{\"ts\":" + ts + ",\"metrics\":" + m + "}");
    Arbitrary<String> samples = sample.list().ofMaxSize(5).map(l -> "{\"samples\":[" + String.join(",", l) + "]}");
    return Arbitraries.oneOf(sample, sample, samples, Combinators.combine(metricsField, json(1))
        .as((m, extra) -> "{\"metrics\":" + m + ",\"extra\":" + extra + "}"));
  }

  private Arbitrary<String> senmlShaped() {
    Arbitrary<String> field = Combinators.combine(Arbitraries.of(FIELDS), scalar()).as((k, v) -> quote(k) + ":" + v);
    Arbitrary<String> named = Combinators.combine(metricName(), Arbitraries.of("1", "-2.5", "1e400", "true", "\"x\""))
        .as((n, v) -> "{\"n\":" + quote(n) + ",\"v\":" + v + "}");
    Arbitrary<String> record = Arbitraries.oneOf(named, named,
        field.list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}"));
    return record.list().ofMaxSize(6).map(l -> "[" + String.join(",", l) + "]");
  }

  /** Any JSON value up to {@code depth} levels, with the keys the parsers look for among random ones. */
  private Arbitrary<String> json(int depth) {
    if (depth == 0) {
      return scalar();
    }
    Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(6));
    Arbitrary<String> object = Combinators.combine(key, Arbitraries.lazy(() -> json(depth - 1)))
        .as((k, v) -> quote(k) + ":" + v).list().ofMaxSize(5).map(l -> "{" + String.join(",", l) + "}");
    Arbitrary<String> array = Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(5)
        .map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.oneOf(scalar(), object, array);
  }

  private Arbitrary<String> scalar() {
    return Arbitraries.oneOf(number(), timestamp(), Arbitraries.of("true", "false", "null", "\"\"", "\"NaN\""),
        Arbitraries.strings().ofMaxLength(10).map(TelemetryDecoderFuzzTest::quote));
  }

  private Arbitrary<String> number() {
    return Arbitraries.oneOf(Arbitraries.of("0", "-0", "1e309", "-1e309", "1e-400", "9223372036854775808",
        "-9223372036854775809", "1" + "0".repeat(320), "0.1", "268435456", "-268435456"),
        Arbitraries.longs().map(String::valueOf), Arbitraries.doubles().map(String::valueOf));
  }

  /** Timestamps around the receive time, at the edges of the window, and far outside it. */
  private Arbitrary<String> timestamp() {
    Arbitrary<Long> nearMillis = Arbitraries.longs()
        .between(-Duration.ofDays(8).toMillis(), Duration.ofMinutes(6).toMillis())
        .map(o -> NOW.toEpochMilli() + o);
    return Arbitraries.oneOf(nearMillis.map(String::valueOf),
        nearMillis.map(ms -> quote(Instant.ofEpochMilli(ms).toString())),
        Arbitraries.of(String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE), "\"2026-02-30T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"", "\"2026-11-23T10:00:00\"", String.valueOf(NOW.getEpochSecond())));
  }

  private Arbitrary<String> metricName() {
    return Arbitraries.oneOf(Arbitraries.of("temp_c", "rssi_dbm", "a", "a.b:c/d-e", "1abc", "", "x';--", "\uD800",
        "a\u0000", "m".repeat(64)), Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3));
  }

  /** A JSON string literal; only the quote and backslash are escaped so hostile text reaches the parser. */
  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
