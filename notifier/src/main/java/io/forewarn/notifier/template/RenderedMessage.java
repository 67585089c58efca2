package io.forewarn.notifier.template;

import java.util.Objects;

/**
 * A finished message.
 *
 * @param subject email subject or ticket title; {@code null} for SMS and ticket comments
 * @param html the email body as simple HTML; {@code null} for other channels
 * @param sms the on-air length of an SMS; {@code null} for other channels
 * @param droppedSections how many optional parts the SMS shortening rule left out
 */
public record RenderedMessage(TemplateKey key, String subject, String text, String html, SmsLength sms,
    int droppedSections) {
  public RenderedMessage {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(text, "text");
  }
}
