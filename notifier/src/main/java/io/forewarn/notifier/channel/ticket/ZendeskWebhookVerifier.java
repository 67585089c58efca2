package io.forewarn.notifier.channel.ticket;

import io.forewarn.notifier.channel.Hmac;
import io.forewarn.notifier.channel.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Verifies webhooks from Zendesk: {@code X-Zendesk-Webhook-Signature} must equal
 * Base64(HMAC-SHA256(secret, timestamp + raw body)) with the timestamp from
 * {@code X-Zendesk-Webhook-Signature-Timestamp}. Always hash the raw bytes: re-serialised JSON
 * does not match. GET/DELETE webhooks have no body; pass an empty array. The timestamp must
 * also be within {@code tolerance} of our clock, against replays.
 */
public final class ZendeskWebhookVerifier {
  private final byte[] secret;
  private final Clock clock;
  private final Duration tolerance;

  public ZendeskWebhookVerifier(String secret, Clock clock, Duration tolerance) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  public SignatureCheck verify(String signature, String timestamp, byte[] rawBody) {
    if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
      return SignatureCheck.MISSING;
    }
    byte[] ts = timestamp.getBytes(StandardCharsets.UTF_8);
    byte[] body = rawBody == null ? new byte[0] : rawBody;
    byte[] signed = new byte[ts.length + body.length];
    System.arraycopy(ts, 0, signed, 0, ts.length);
    System.arraycopy(body, 0, signed, ts.length, body.length);
    if (!Hmac.constantTimeEquals(Hmac.signBase64(Hmac.SHA256, secret, signed), signature.strip())) {
      return SignatureCheck.MISMATCH;
    }
    Instant at = parse(timestamp.strip());
    if (at == null) {
      return SignatureCheck.MALFORMED;
    }
    return Duration.between(at, clock.instant()).abs().compareTo(tolerance) > 0 ? SignatureCheck.STALE
        : SignatureCheck.VALID;
  }

  /** ISO-8601 ({@code 2024-05-14T09:30:00Z}, offsets allowed) or Unix seconds. */
  private static Instant parse(String timestamp) {
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return Instant.ofEpochSecond(Long.parseLong(timestamp));
      } catch (NumberFormatException notEpoch) {
        return null;
      }
    }
  }
}
