package io.forewarn.common.telemetry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SenML JSON (RFC 8428). Base fields apply to the record and all later ones until reset. Time is
 * {@code bt + t}; values below 2^28 are relative to now (the receive time). The device is the one
 * in the topic, so the metric name is {@code n}, or the last segment of {@code bn} when {@code n}
 * is absent. Numeric ({@code v}, {@code s}) and boolean ({@code vb}) values are stored; string and
 * data values are dropped as {@link RejectReason#WRONG_TYPE}. Records at the same instant form one
 * sample.
 */
final class SenmlParser {
  private static final double RELATIVE_TIME_LIMIT = 1L << 28;
  private static final int SUPPORTED_VERSION = 10;

  private final PayloadLimits limits;
  private final TimeRules time;

  SenmlParser(PayloadLimits limits, TimeRules time) {
    this.limits = limits;
    this.time = time;
  }

  private static final class Base {
    String name = "";
    double time;
    String unit;
    double value;
    double sum;
  }

  private static final class Rec {
    String n;
    String u;
    Double v;
    Double s;
    Double t;
    boolean nonNumeric;
    String nonNumericType;
  }

  Decoded parse(String deviceId, JsonParser p, Instant receivedAt) throws IOException {
    JsonToken first = p.nextToken();
    if (first != JsonToken.START_ARRAY) {
      throw new Rejection(RejectReason.WRONG_SHAPE, "SenML must be a JSON array, got " + TimeRules.describe(first));
    }
    List<Dropped> dropped = new ArrayList<>();
    Map<Instant, SampleBuilder> byTime = new LinkedHashMap<>();
    Map<Instant, Boolean> receiveTimes = new LinkedHashMap<>();
    Base base = new Base();
    int index = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
      if (index >= limits.maxSamplesPerMessage() * limits.maxMetricsPerSample()) {
        throw new Rejection(RejectReason.TOO_MANY_METRICS, "too many SenML records");
      }
      if (t != JsonToken.START_OBJECT) {
        dropped.add(new Dropped("record[" + index + "]", RejectReason.WRONG_SHAPE,
            "expected an object, got " + TimeRules.describe(t)));
        p.skipChildren();
        continue;
      }
      Rec rec = readRecord(p, base, index);
      String name = resolveName(base, rec);
      if (rec.nonNumeric) {
        dropped.add(new Dropped(SampleBuilder.printable(name), RejectReason.WRONG_TYPE,
            rec.nonNumericType + " values are not stored"));
        continue;
      }
      if (rec.v == null && rec.s == null) {
        dropped.add(new Dropped(SampleBuilder.printable(name), RejectReason.MISSING_METRICS, "record has no value"));
        continue;
      }
      boolean receiveTime = rec.t == null && base.time == 0;
      Instant ts = resolveTime(base.time + (rec.t == null ? 0 : rec.t), receivedAt);
      try {
        time.checkPlausible(ts, receivedAt);
      } catch (Rejection r) {
        dropped.add(new Dropped(SampleBuilder.printable(name), r.reason, r.getMessage()));
        continue;
      }
      double value = rec.v != null ? base.value + rec.v : base.sum + rec.s;
      String unit = rec.u != null ? rec.u : base.unit;
      SampleBuilder builder = byTime.get(ts);
      if (builder == null) {
        if (byTime.size() >= limits.maxSamplesPerMessage()) {
          throw new Rejection(RejectReason.TOO_MANY_SAMPLES,
              "more than " + limits.maxSamplesPerMessage() + " distinct times in one message");
        }
        builder = new SampleBuilder(limits, dropped);
        byTime.put(ts, builder);
        receiveTimes.put(ts, receiveTime);
      }
      builder.add(name, value, unit);
    }
    JsonTelemetryParser.requireEnd(p);
    List<Sample> samples = new ArrayList<>();
    byTime.forEach((ts, b) -> {
      if (!b.isEmpty()) {
        samples.add(b.build(ts, receiveTimes.get(ts)));
      }
    });
    return JsonTelemetryParser.telemetry(deviceId, samples, dropped);
  }

  private Rec readRecord(JsonParser p, Base base, int index) throws IOException {
    Rec rec = new Rec();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "bn" -> base.name = text(p, field, index);
        case "bt" -> base.time = number(p, field, index);
        case "bu" -> base.unit = text(p, field, index);
        case "bv" -> base.value = number(p, field, index);
        case "bs" -> base.sum = number(p, field, index);
        case "bver" -> {
          double version = number(p, field, index);
          if (version > SUPPORTED_VERSION) {
            throw new Rejection(RejectReason.WRONG_SHAPE, "unsupported SenML version " + version);
          }
        }
        case "n" -> rec.n = text(p, field, index);
        case "u" -> rec.u = text(p, field, index);
        case "t" -> rec.t = number(p, field, index);
        case "v" -> rec.v = number(p, field, index);
        case "s" -> rec.s = number(p, field, index);
        case "vb" -> {
          if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            rec.v = value == JsonToken.VALUE_TRUE ? 1.0 : 0.0;
          } else {
            throw new Rejection(RejectReason.WRONG_SHAPE, "record[" + index + "].vb must be a boolean");
          }
        }
        case "vs", "vd" -> {
          rec.nonNumeric = true;
          rec.nonNumericType = field.equals("vs") ? "string" : "data";
          p.skipChildren();
        }
        default -> p.skipChildren();
      }
    }
    return rec;
  }

  private static String resolveName(Base base, Rec rec) {
    if (rec.n != null && !rec.n.isEmpty()) {
      return rec.n;
    }
    String bn = base.name;
    int cut = Math.max(bn.lastIndexOf(':', bn.length() - 2), bn.lastIndexOf('/', bn.length() - 2));
    String last = bn.substring(cut + 1);
    return last.endsWith(":") || last.endsWith("/") ? last.substring(0, last.length() - 1) : last;
  }

  private static Instant resolveTime(double seconds, Instant receivedAt) {
    if (!Double.isFinite(seconds)) {
      throw new Rejection(RejectReason.BAD_TIMESTAMP, "SenML time is not finite");
    }
    long micros = Math.round(seconds * 1_000_000d);
    if (Math.abs(seconds) < RELATIVE_TIME_LIMIT) {
      return receivedAt.plusNanos(micros * 1_000L);
    }
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  private static String text(JsonParser p, String field, int index) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw new Rejection(RejectReason.WRONG_SHAPE,
          "record[" + index + "]." + field + " must be a string, got " + TimeRules.describe(p.currentToken()));
    }
    return p.getText();
  }

  private static double number(JsonParser p, String field, int index) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new Rejection(RejectReason.WRONG_SHAPE,
          "record[" + index + "]." + field + " must be a number, got " + TimeRules.describe(t));
    }
    return p.getDoubleValue();
  }
}
