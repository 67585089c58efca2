package io.forewarn.notifier.channel.webhook;

import io.forewarn.notifier.channel.Hmac;
import io.forewarn.notifier.channel.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signing and verification per Standard Webhooks 1.0: the secret is {@code whsec_} + Base64 key;
 * the signed content is {@code {webhook-id}.{webhook-timestamp}.{raw body}}; the
 * {@code webhook-signature} header holds space-separated {@code v1,<Base64 HMAC-SHA256>} entries
 * (several while a secret is being rotated), any one of which may match.
 */
public final class StandardWebhook {
  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  private static final String SECRET_PREFIX = "whsec_";

  private final byte[] key;

  public StandardWebhook(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
    }
    try {
      this.key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the part after whsec_ must be Base64", e);
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("the secret key must be at least 16 bytes (24 is recommended)");
    }
  }

  /** The {@code webhook-signature} header value for this message. */
  public String sign(String id, long timestampSeconds, byte[] body) {
    return "v1," + Hmac.signBase64(Hmac.SHA256, key, signedContent(id, timestampSeconds, body));
  }

  /** Checks the three headers against the raw body and our clock (±{@code tolerance}). */
  public SignatureCheck verify(String id, String timestamp, String signatureHeader, byte[] body, Clock clock,
      Duration tolerance) {
    if (id == null || id.isBlank() || timestamp == null || timestamp.isBlank()
        || signatureHeader == null || signatureHeader.isBlank()) {
      return SignatureCheck.MISSING;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return SignatureCheck.MALFORMED;
    }
    String expected = sign(id, seconds, body);
    boolean matched = false;
    for (String candidate : signatureHeader.strip().split(" +")) {
      // Compare every candidate: stopping at the first match would leak which one matched.
      matched |= Hmac.constantTimeEquals(expected, candidate);
    }
    if (!matched) {
      return SignatureCheck.MISMATCH;
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    return skew.compareTo(tolerance) > 0 ? SignatureCheck.STALE : SignatureCheck.VALID;
  }

  private static byte[] signedContent(String id, long timestampSeconds, byte[] body) {
    byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);
    return content;
  }
}
