package io.forewarn.common.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Forewarn's JSON telemetry format (see docs/payloads.md):
 *
 * <pre>
 * {"ts": "2026-11-23T10:00:00Z" | 1795428000000, "metrics": {"temp_c": 71.2, "rssi_dbm": -67}}
 * {"samples": [{"ts": ..., "metrics": {...}}, ...]}
 * </pre>
 *
 * Unknown top-level fields are ignored (forward compatibility). A single sample without {@code ts}
 * gets the receive time; samples in a batch must carry their own.
 */
final class JsonTelemetryParser {
  private final PayloadLimits limits;
  private final TimeRules time;

  JsonTelemetryParser(PayloadLimits limits, TimeRules time) {
    this.limits = limits;
    this.time = time;
  }

  Decoded parse(String deviceId, JsonParser p, Instant receivedAt) throws IOException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw new Rejection(RejectReason.WRONG_SHAPE, "expected a JSON object, got " + TimeRules.describe(first));
    }
    List<Dropped> dropped = new ArrayList<>();
    Instant ts = null;
    SampleBuilder single = null;
    List<Sample> samples = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "ts" -> ts = value == JsonToken.VALUE_NULL ? null : time.read(p);
        case "metrics" -> {
          single = new SampleBuilder(limits, dropped);
          readMetrics(p, single);
        }
        case "samples" -> samples = readSamples(p, receivedAt, dropped);
        default -> p.skipChildren();
      }
    }
    requireEnd(p);
    if (single != null && samples != null) {
      throw new Rejection(RejectReason.WRONG_SHAPE, "use either 'metrics' or 'samples', not both");
    }
    if (samples != null) {
      return telemetry(deviceId, samples, dropped);
    }
    if (single == null) {
      throw new Rejection(RejectReason.MISSING_METRICS, "no 'metrics' object and no 'samples' array");
    }
    boolean receiveTime = ts == null;
    Instant sampleTs = receiveTime ? receivedAt : ts;
    time.checkPlausible(sampleTs, receivedAt);
    if (single.isEmpty()) {
      return allDropped(deviceId, dropped);
    }
    return new Decoded.Telemetry(deviceId, List.of(single.build(sampleTs, receiveTime)), dropped);
  }

  private List<Sample> readSamples(JsonParser p, Instant receivedAt, List<Dropped> dropped) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new Rejection(RejectReason.WRONG_SHAPE,
          "'samples' must be an array, got " + TimeRules.describe(p.currentToken()));
    }
    List<Sample> samples = new ArrayList<>();
    int index = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
      if (index >= limits.maxSamplesPerMessage()) {
        throw new Rejection(RejectReason.TOO_MANY_SAMPLES,
            "more than " + limits.maxSamplesPerMessage() + " samples in one message");
      }
      if (t != JsonToken.START_OBJECT) {
        dropped.add(new Dropped("samples[" + index + "]", RejectReason.WRONG_SHAPE,
            "expected an object, got " + TimeRules.describe(t)));
        p.skipChildren();
        continue;
      }
      Sample sample = readSample(p, index, receivedAt, dropped);
      if (sample != null) {
        samples.add(sample);
      }
    }
    return samples;
  }

  /** One element of {@code samples}; problems with its ts drop only this sample. */
  private Sample readSample(JsonParser p, int index, Instant receivedAt, List<Dropped> dropped) throws IOException {
    Instant ts = null;
    Rejection tsProblem = null;
    SampleBuilder builder = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("ts") && value != JsonToken.VALUE_NULL) {
        try {
          ts = time.read(p);
          time.checkPlausible(ts, receivedAt);
        } catch (Rejection r) {
          tsProblem = r;
        }
      } else if (field.equals("metrics")) {
        builder = new SampleBuilder(limits, dropped);
        readMetrics(p, builder);
      } else {
        p.skipChildren();
      }
    }
    String what = "samples[" + index + "]";
    if (tsProblem != null) {
      dropped.add(new Dropped(what, tsProblem.reason, tsProblem.getMessage()));
      return null;
    }
    if (ts == null) {
      dropped.add(new Dropped(what, RejectReason.MISSING_TIMESTAMP, "samples in a batch need their own ts"));
      return null;
    }
    if (builder == null || builder.isEmpty()) {
      if (builder == null) {
        dropped.add(new Dropped(what, RejectReason.MISSING_METRICS, null));
      }
      return null;
    }
    return builder.build(ts, false);
  }

  private void readMetrics(JsonParser p, SampleBuilder builder) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new Rejection(RejectReason.WRONG_SHAPE,
          "'metrics' must be an object, got " + TimeRules.describe(p.currentToken()));
    }
    int entries = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (++entries > limits.maxMetricsPerSample()) {
        throw new Rejection(RejectReason.TOO_MANY_METRICS,
            "more than " + limits.maxMetricsPerSample() + " metrics in one sample");
      }
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (value) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> builder.add(name, p.getDoubleValue(), null);
        case VALUE_TRUE -> builder.add(name, 1.0, null);
        case VALUE_FALSE -> builder.add(name, 0.0, null);
        default -> {
          builder.drop(name, RejectReason.WRONG_TYPE, "got " + TimeRules.describe(value));
          p.skipChildren();
        }
      }
    }
  }

  static void requireEnd(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.END_OBJECT && p.currentToken() != JsonToken.END_ARRAY) {
      throw new Rejection(RejectReason.MALFORMED_JSON, "unexpected " + TimeRules.describe(p.currentToken()));
    }
    if (p.nextToken() != null) {
      throw new Rejection(RejectReason.MALFORMED_JSON, "trailing content after the JSON value");
    }
  }

  static Decoded telemetry(String deviceId, List<Sample> samples, List<Dropped> dropped) {
    if (samples.isEmpty()) {
      return allDropped(deviceId, dropped);
    }
    return new Decoded.Telemetry(deviceId, samples, dropped);
  }

  /** Nothing valid remains: the message is rejected with the first reason found. */
  static Decoded allDropped(String deviceId, List<Dropped> dropped) {
    if (dropped.isEmpty()) {
      return new Decoded.Rejected(deviceId, RejectReason.MISSING_METRICS, "no metrics in the message");
    }
    Dropped first = dropped.getFirst();
    String detail = dropped.size() == 1 ? first.describe()
        : first.describe() + " and " + (dropped.size() - 1) + " more";
    return new Decoded.Rejected(deviceId, first.reason(), detail);
  }
}
