package io.forewarn.notifier.channel.sms;

import java.util.Objects;

/**
 * One SMS to send.
 *
 * @param deliveryKey the plan's delivery key, for logs (Twilio has no idempotency key on create)
 * @param to E.164 number
 */
public record SmsMessage(String deliveryKey, String to, String body) {
  public SmsMessage {
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    if (to == null || !to.matches("\\+[1-9]\\d{1,14}")) {
      throw new IllegalArgumentException("SMS recipient must be E.164, was " + to);
    }
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("SMS body must not be empty");
    }
  }
}
