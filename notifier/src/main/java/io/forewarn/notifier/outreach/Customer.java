package io.forewarn.notifier.outreach;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The person we contact.
 *
 * @param name how the customer wants to be addressed
 * @param phone E.164 mobile number ({@code +447700900123}) or {@code null}
 * @param email address or {@code null}
 */
public record Customer(String id, String name, String phone, String email, ContactPreferences preferences) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
  // Deliberately loose: the mail server is the authority; this only catches obvious garbage.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  public Customer {
    requireText(id, "id");
    requireText(name, "name");
    Objects.requireNonNull(preferences, "preferences");
    if (phone != null && !E164.matcher(phone).matches()) {
      throw new IllegalArgumentException("phone must be E.164 (e.g. +447700900123), was " + phone);
    }
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw new IllegalArgumentException("email is not an address: " + email);
    }
  }

  public Locale language() {
    return preferences.language();
  }

  public ZoneId timeZone() {
    return preferences.timeZone();
  }

  /** Whether we hold an address for {@code channel} at all. */
  public boolean reachableBy(Channel channel) {
    return switch (channel) {
      case SMS -> phone != null;
      case EMAIL -> email != null;
      case TICKET -> false;
    };
  }

  static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
