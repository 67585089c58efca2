package io.forewarn.notifier.channel;

import java.time.Duration;
import java.util.Objects;

/** What happened to one send attempt. */
public sealed interface DeliveryResult {

  /** The provider accepted the message; {@code providerId} is its id (SMS sid, ticket id, Message-ID). */
  record Sent(String providerId) implements DeliveryResult {
    public Sent {
      Objects.requireNonNull(providerId, "providerId");
    }
  }

  /**
   * Try again no sooner than {@code after} (the provider's Retry-After, else the connector's
   * default). {@code possiblyDelivered} is true when the request may have been processed (a
   * timeout or reset after sending, a garbled success reply): for providers without idempotency
   * (Twilio) the loop should reconcile before resending.
   */
  record RetryLater(Duration after, String reason, boolean possiblyDelivered) implements DeliveryResult {
    public RetryLater {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(reason, "reason");
      if (after.isNegative()) {
        throw new IllegalArgumentException("retry delay must not be negative");
      }
    }
  }

  /** Never retry; {@code providerCode} is the provider's own code (e.g. {@code twilio:21211}, {@code http:404}). */
  record Permanent(FailureCode code, String providerCode, String detail) implements DeliveryResult {
    public Permanent {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(providerCode, "providerCode");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
