package io.forewarn.notifier.template;

import java.util.Objects;

/**
 * How long an SMS is on the air.
 *
 * @param units septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2
 *     (characters outside the BMP, e.g. most emoji, count 2)
 * @param segments parts the message is split into; 0 for an empty text
 */
public record SmsLength(SmsEncoding encoding, int units, int segments) {
  public SmsLength {
    Objects.requireNonNull(encoding, "encoding");
    if (units < 0 || segments < 0) {
      throw new IllegalArgumentException("units and segments must not be negative");
    }
  }
}
