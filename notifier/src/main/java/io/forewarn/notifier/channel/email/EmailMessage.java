package io.forewarn.notifier.channel.email;

import java.util.Locale;
import java.util.Objects;

/**
 * One email: plain text plus an optional HTML alternative of the same content.
 *
 * @param deliveryKey the plan's delivery key; also makes the Message-ID, so a resend after an
 *     ambiguous failure carries the same id and clients can collapse the duplicate
 * @param html {@code null} for text only
 */
public record EmailMessage(String deliveryKey, String toAddress, String toName, String subject, String text,
    String html, Locale language) {
  public EmailMessage {
    Objects.requireNonNull(deliveryKey, "deliveryKey");
    Objects.requireNonNull(language, "language");
    if (toAddress == null || !toAddress.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("not an email address: " + toAddress);
    }
    if (subject == null || subject.isBlank() || text == null || text.isBlank()) {
      throw new IllegalArgumentException("an email needs a subject and a text");
    }
  }
}
