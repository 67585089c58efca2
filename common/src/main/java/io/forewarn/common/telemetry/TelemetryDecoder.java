package io.forewarn.common.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.time.Instant;

/**
 * Turns one MQTT message into a {@link Decoded} result. Never throws: every problem becomes a
 * {@link Decoded.Rejected} with a specific {@link RejectReason}, or a {@link Dropped} entry when the
 * rest of the message is still good. Thread-safe.
 */
public final class TelemetryDecoder {
  /** Real payloads nest three levels; deeper input is hostile or broken. */
  private static final int MAX_NESTING_DEPTH = 32;
  private static final int MAX_NUMBER_LENGTH = 400;

  private final PayloadLimits limits;
  private final JsonFactory factory;
  private final JsonTelemetryParser json;
  private final SenmlParser senml;
  private final StatusParser status;

  public TelemetryDecoder(PayloadLimits limits) {
    this.limits = limits;
    this.factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(limits.maxPayloadBytes())
            .build())
        .build();
    TimeRules time = new TimeRules(limits);
    this.json = new JsonTelemetryParser(limits, time);
    this.senml = new SenmlParser(limits, time);
    this.status = new StatusParser(time, factory);
  }

  public PayloadLimits limits() {
    return limits;
  }

  public Decoded decode(String topic, byte[] payload, Instant receivedAt) {
    String deviceId = DeviceTopic.rawDeviceId(topic);
    TopicKind kind = DeviceTopic.rawKind(topic);
    if (deviceId == null || kind == null || !DeviceTopic.hasThreeSegments(topic)) {
      return new Decoded.Rejected(null, RejectReason.BAD_TOPIC, "topic '" + SampleBuilder.printable(topic) + "'");
    }
    if (!DeviceTopic.isValidDeviceId(deviceId)) {
      return new Decoded.Rejected(null, RejectReason.BAD_DEVICE_ID,
          "device id '" + SampleBuilder.printable(deviceId) + "'");
    }
    if (payload == null || payload.length == 0) {
      return new Decoded.Rejected(deviceId, RejectReason.EMPTY_PAYLOAD, null);
    }
    if (payload.length > limits.maxPayloadBytes()) {
      return new Decoded.Rejected(deviceId, RejectReason.PAYLOAD_TOO_LARGE,
          payload.length + " bytes > " + limits.maxPayloadBytes());
    }
    try {
      return switch (kind) {
        case STATUS -> status.parse(deviceId, payload, receivedAt);
        case TELEMETRY -> parseWith(deviceId, payload, receivedAt, false);
        case SENML -> parseWith(deviceId, payload, receivedAt, true);
      };
    } catch (Rejection r) {
      return new Decoded.Rejected(deviceId, r.reason, r.getMessage());
    } catch (JsonProcessingException e) {
      return new Decoded.Rejected(deviceId, RejectReason.MALFORMED_JSON, describe(e));
    } catch (IOException | RuntimeException e) {
      return new Decoded.Rejected(deviceId, RejectReason.MALFORMED_JSON,
          e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Decoded parseWith(String deviceId, byte[] payload, Instant receivedAt, boolean isSenml) throws IOException {
    try (JsonParser p = factory.createParser(payload)) {
      return isSenml ? senml.parse(deviceId, p, receivedAt) : json.parse(deviceId, p, receivedAt);
    }
  }

  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null && message.length() > 300) {
      message = message.substring(0, 300) + "…";
    }
    var loc = e.getLocation();
    return loc == null ? message : message + " at line " + loc.getLineNr() + " column " + loc.getColumnNr();
  }
}
