package io.forewarn.notifier.channel.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.channel.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ZendeskWebhookVerifierTest {
  // Computed independently: base64(HMAC-SHA256("zendesk-signing-secret", timestamp + body)).
  private static final String TIMESTAMP = "2025-06-10T12:00:00Z";
  private static final byte[] BODY = "{\"ticket_id\":\"35436\",\"status\":\"solved\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "zarUdqeG7pikBQzJhvSJ1ZeVcpoSLKwzil8RDQh5pdQ=";
  private static final String EMPTY_BODY_SIGNATURE = "5XYoaWaQqoXWAWiX+0JwTYZEDrAEe5uDk6taDsurjnM=";

  private static ZendeskWebhookVerifier at(String now) {
    return new ZendeskWebhookVerifier("zendesk-signing-secret", Clock.fixed(Instant.parse(now), ZoneOffset.UTC),
        Duration.ofMinutes(5));
  }

  @Test
  void accepts_a_fresh_correctly_signed_webhook() {
    assertThat(at("2025-06-10T12:01:00Z").verify(SIGNATURE, TIMESTAMP, BODY)).isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void accepts_a_bodyless_webhook() {
    assertThat(at("2025-06-10T12:00:00Z").verify(EMPTY_BODY_SIGNATURE, TIMESTAMP, null))
        .isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void rejects_altered_body_missing_headers_and_replays() {
    byte[] altered = "{\"ticket_id\":\"35436\",\"status\":\"open\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(at("2025-06-10T12:00:00Z").verify(SIGNATURE, TIMESTAMP, altered)).isEqualTo(SignatureCheck.MISMATCH);
    assertThat(at("2025-06-10T12:00:00Z").verify(null, TIMESTAMP, BODY)).isEqualTo(SignatureCheck.MISSING);
    assertThat(at("2025-06-10T12:00:00Z").verify(SIGNATURE, "", BODY)).isEqualTo(SignatureCheck.MISSING);
    assertThat(at("2025-06-10T12:06:00Z").verify(SIGNATURE, TIMESTAMP, BODY)).isEqualTo(SignatureCheck.STALE);
  }
}
