package io.forewarn.notifier.outreach;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a customer wants to hear from us.
 *
 * @param channelOrder customer channels in the order to try them (first is preferred)
 * @param language the language messages are written in; falls back to the default if we have
 *     no templates in it
 * @param timeZone the customer's IANA zone, used for quiet hours and for times in messages
 * @param quietHours when not to disturb; {@code null} means none
 * @param optedOut channels the customer asked us not to use
 * @param dailyCap the most messages this customer gets in any 24 hours, over all incidents
 */
public record ContactPreferences(
    List<Channel> channelOrder,
    Locale language,
    ZoneId timeZone,
    QuietHours quietHours,
    Set<Channel> optedOut,
    int dailyCap) {

  public ContactPreferences {
    channelOrder = List.copyOf(channelOrder);
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(timeZone, "timeZone");
    optedOut = optedOut.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optedOut));
    if (new HashSet<>(channelOrder).size() != channelOrder.size()) {
      throw new IllegalArgumentException("channel order lists a channel twice: " + channelOrder);
    }
    if (channelOrder.stream().anyMatch(c -> !c.reachesCustomer())) {
      throw new IllegalArgumentException("only customer channels may be preferred: " + channelOrder);
    }
    if (language.getLanguage().isEmpty()) {
      throw new IllegalArgumentException("language must name a language, e.g. en or ru");
    }
    if (dailyCap < 1) {
      throw new IllegalArgumentException("daily cap must be at least 1, was " + dailyCap);
    }
  }

  public Optional<QuietHours> quietHoursIfAny() {
    return Optional.ofNullable(quietHours);
  }

  /** The same preferences with {@code channel} opted out (e.g. after the customer sent STOP). */
  public ContactPreferences withOptOut(Channel channel) {
    Set<Channel> out = EnumSet.of(channel);
    out.addAll(optedOut);
    return new ContactPreferences(channelOrder, language, timeZone, quietHours, out, dailyCap);
  }
}
