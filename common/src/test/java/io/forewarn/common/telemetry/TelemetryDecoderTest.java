package io.forewarn.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.BadPayloadCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryDecoderTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final TelemetryDecoder decoder = new TelemetryDecoder(PayloadLimits.DEFAULTS);

  private Decoded decode(String topic, String payload) {
    return decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void accepts_single_sample_with_iso_timestamp() {
    // WHEN a well-formed message arrives
    Decoded d = decode("devices/dev-1/telemetry",
        "{\"ts\":\"2026-11-23T09:59:00Z\",\"metrics\":{\"temp_c\":71.2,\"rssi_dbm\":-67}}");
    // THEN both metrics are accepted with the device's own timestamp
    assertThat(d).isInstanceOf(Decoded.Telemetry.class);
    Decoded.Telemetry t = (Decoded.Telemetry) d;
    assertThat(t.deviceId()).isEqualTo("dev-1");
    assertThat(t.samples()).singleElement().satisfies(s -> {
      assertThat(s.ts()).isEqualTo(Instant.parse("2026-11-23T09:59:00Z"));
      assertThat(s.receiveTime()).isFalse();
      assertThat(s.metrics()).containsExactly(new MetricValue("temp_c", 71.2), new MetricValue("rssi_dbm", -67));
    });
    assertThat(t.dropped()).isEmpty();
  }

  @Test
  void accepts_epoch_millis_and_booleans() {
    Decoded.Telemetry t = (Decoded.Telemetry) decode("devices/d/telemetry",
        "{\"ts\":" + NOW.minusSeconds(5).toEpochMilli() + ",\"metrics\":{\"door_open\":true,\"alarm\":false}}");
    assertThat(t.samples().getFirst().ts()).isEqualTo(NOW.minusSeconds(5));
    assertThat(t.samples().getFirst().metrics()).extracting(MetricValue::value).containsExactly(1.0, 0.0);
  }

  @Test
  void uses_receive_time_when_ts_is_absent_and_records_it() {
    Decoded.Telemetry t = (Decoded.Telemetry) decode("devices/d/telemetry", "{\"metrics\":{\"a\":1}}");
    assertThat(t.samples().getFirst().ts()).isEqualTo(NOW);
    assertThat(t.samples().getFirst().receiveTime()).isTrue();
  }

  @Test
  void accepts_a_batch_of_samples_and_drops_only_the_bad_sample() {
    // GIVEN a batch where the second sample has no timestamp
    String payload = "{\"samples\":[{\"ts\":\"2026-11-23T09:00:00Z\",\"metrics\":{\"a\":1}},"
        + "{\"metrics\":{\"a\":2}},{\"ts\":\"2026-11-23T09:01:00Z\",\"metrics\":{\"a\":3}}]}";
    // WHEN decoded
    Decoded.Telemetry t = (Decoded.Telemetry) decode("devices/d/telemetry", payload);
    // THEN the two good samples stay and the bad one is recorded with its reason
    assertThat(t.samples()).hasSize(2);
    assertThat(t.dropped()).singleElement().satisfies(x -> {
      assertThat(x.what()).isEqualTo("samples[1]");
      assertThat(x.reason()).isEqualTo(RejectReason.MISSING_TIMESTAMP);
    });
  }

  @Test
  void ignores_unknown_top_level_fields() {
    Decoded d = decode("devices/d/telemetry", "{\"fw\":\"1.2\",\"extra\":{\"x\":[1]},\"metrics\":{\"a\":1}}");
    assertThat(d).isInstanceOf(Decoded.Telemetry.class);
  }

  @Test
  void keeps_good_metrics_of_a_partly_bad_message() {
    Decoded.Telemetry t = (Decoded.Telemetry) decode("devices/d/telemetry",
        "{\"metrics\":{\"good\":1,\"bad\":\"x\",\"worse\":1e999}}");
    assertThat(t.samples().getFirst().metrics()).containsExactly(new MetricValue("good", 1));
    assertThat(t.dropped()).extracting(Dropped::reason)
        .containsExactly(RejectReason.WRONG_TYPE, RejectReason.NON_FINITE);
  }

  @Test
  void decodes_senml_with_base_fields_and_relative_time() {
    // GIVEN SenML with a base name, base time and unit, and a second record 60 s later
    String payload = "[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"bt\":" + NOW.minusSeconds(120).getEpochSecond()
        + ",\"bu\":\"Cel\",\"n\":\"temp\",\"v\":21.5},{\"n\":\"temp\",\"t\":60,\"v\":21.7},{\"n\":\"on\",\"vb\":true}]";
    // WHEN decoded
    Decoded.Telemetry t = (Decoded.Telemetry) decode("devices/d/senml", payload);
    // THEN records at the same time form one sample; time is bt + t; unit carries over
    assertThat(t.samples()).hasSize(2);
    assertThat(t.samples().get(0).ts()).isEqualTo(NOW.minusSeconds(120));
    assertThat(t.samples().get(0).metrics()).containsExactly(new MetricValue("temp", 21.5, "Cel"),
        new MetricValue("on", 1.0, "Cel"));
    assertThat(t.samples().get(1).ts()).isEqualTo(NOW.minusSeconds(60));
  }

  @Test
  void treats_small_senml_times_as_relative_to_now() {
    Decoded.Telemetry t = (Decoded.Telemetry) decode("devices/d/senml", "[{\"n\":\"a\",\"t\":-10,\"v\":1}]");
    assertThat(t.samples().getFirst().ts()).isEqualTo(NOW.minusSeconds(10));
  }

  @Test
  void reads_bare_and_json_status() {
    assertThat(decode("devices/d/status", "offline")).isEqualTo(new Decoded.Status("d", false, NOW, null));
    assertThat(decode("devices/d/status", " ONLINE\n")).isEqualTo(new Decoded.Status("d", true, NOW, null));
    assertThat(decode("devices/d/status", "{\"online\":false,\"reason\":\"power\"}"))
        .isEqualTo(new Decoded.Status("d", false, NOW, "power"));
  }

  @Test
  void tells_epoch_seconds_apart_in_the_reason() {
    Decoded.Rejected r = (Decoded.Rejected) decode("devices/d/telemetry",
        "{\"ts\":" + NOW.getEpochSecond() + ",\"metrics\":{\"a\":1}}");
    assertThat(r.detail()).contains("looks like epoch seconds");
  }

  @Test
  void rejects_invalid_device_id_in_topic() {
    Decoded d = decode("devices/-bad!/telemetry", "{\"metrics\":{\"a\":1}}");
    assertThat(d).isInstanceOf(Decoded.Rejected.class);
    assertThat(((Decoded.Rejected) d).reason()).isEqualTo(RejectReason.BAD_DEVICE_ID);
  }

  @Test
  void honours_configured_limits() {
    TelemetryDecoder strict = new TelemetryDecoder(new PayloadLimits(100, 2, 1, Duration.ZERO, Duration.ofMinutes(1)));
    assertThat(reason(strict.decode("devices/d/telemetry", "{\"metrics\":{\"a\":1,\"b\":2,\"c\":3}}".getBytes(), NOW)))
        .isEqualTo(RejectReason.TOO_MANY_METRICS);
    assertThat(reason(strict.decode("devices/d/telemetry",
        ("{\"samples\":[{\"ts\":\"" + NOW + "\",\"metrics\":{\"a\":1}},{\"ts\":\"" + NOW
            + "\",\"metrics\":{\"a\":1}}]}")
            .getBytes(),
        NOW))).isIn(RejectReason.TOO_MANY_SAMPLES, RejectReason.PAYLOAD_TOO_LARGE);
  }

  static Stream<BadPayloadCorpus.Case> corpus() {
    return BadPayloadCorpus.cases("dev-bad", NOW).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void rejects_every_corpus_case_with_its_specific_reason(BadPayloadCorpus.Case c) {
    // WHEN a malformed or hostile payload is decoded
    Decoded d = decoder.decode(c.topic(), c.payload(), NOW);
    // THEN it is rejected (wholly or partly) with the expected reason, never by an exception
    if (c.partial()) {
      assertThat(d).isInstanceOf(Decoded.Telemetry.class);
      assertThat(((Decoded.Telemetry) d).dropped()).extracting(Dropped::reason).contains(c.reason());
    } else {
      assertThat(d).isInstanceOf(Decoded.Rejected.class);
      assertThat(reason(d)).as(((Decoded.Rejected) d).detail()).isEqualTo(c.reason());
    }
  }

  @Test
  void corpus_has_at_least_100_distinctly_named_cases() {
    List<BadPayloadCorpus.Case> cases = BadPayloadCorpus.cases("d", NOW);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
    assertThat(cases).extracting(BadPayloadCorpus.Case::name).doesNotHaveDuplicates();
  }

  private static RejectReason reason(Decoded d) {
    return d instanceof Decoded.Rejected r ? r.reason() : null;
  }
}
