package io.forewarn.notifier.channel.sms;

import java.util.Locale;
import java.util.Optional;

/**
 * Twilio message statuses in delivery order. Callbacks arrive out of order, so a status only
 * ever moves forward, and never away from a final one (except delivered → read, which is
 * further along the same road).
 */
public enum MessageStatus {
  ACCEPTED(0, false),
  SCHEDULED(0, false),
  QUEUED(0, false),
  SENDING(1, false),
  SENT(2, false),
  DELIVERED(3, true),
  UNDELIVERED(3, true),
  FAILED(3, true),
  CANCELED(3, true),
  PARTIALLY_DELIVERED(3, true),
  READ(4, true),
  RECEIVING(0, false),
  RECEIVED(3, true);

  private final int rank;
  private final boolean terminal;

  MessageStatus(int rank, boolean terminal) {
    this.rank = rank;
    this.terminal = terminal;
  }

  public boolean isFinal() {
    return terminal;
  }

  /** Whether the message did not reach the handset (the loop may fall back to another channel). */
  public boolean isFailure() {
    return this == UNDELIVERED || this == FAILED;
  }

  /** Twilio's lower-case value ({@code partially_delivered}); empty for values we do not know. */
  public static Optional<MessageStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  /** The status to store when {@code incoming} arrives while {@code current} is stored (may be null). */
  public static MessageStatus advance(MessageStatus current, MessageStatus incoming) {
    if (current == null) {
      return incoming;
    }
    if (current.terminal) {
      return current == DELIVERED && incoming == READ ? READ : current;
    }
    return incoming.rank > current.rank ? incoming : current;
  }
}
