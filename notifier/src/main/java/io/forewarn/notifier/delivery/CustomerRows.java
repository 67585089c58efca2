package io.forewarn.notifier.delivery;

import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.ContactPreferences;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.QuietHours;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a customer with their contact preferences and SMS opt-out from one row. Missing
 * preferences get the defaults documented in V4__notifier.sql; channels with no connector
 * configured are left out, so the planner never picks a channel we cannot send on.
 */
public final class CustomerRows {
  private static final Logger LOG = LoggerFactory.getLogger(CustomerRows.class);

  /** Select list; needs {@link #JOINS} with the customer aliased {@code c}. */
  public static final String COLUMNS = "c.id AS c_id, c.external_id AS c_ext, c.name AS c_name, c.phone AS c_phone, "
      + "c.email AS c_email, c.language AS c_lang, c.time_zone AS c_tz, p.customer_id IS NOT NULL AS p_present, "
      + "p.channel_order AS p_order, p.quiet_start AS p_qs, p.quiet_end AS p_qe, p.opted_out AS p_out, "
      + "p.daily_cap AS p_cap, so.phone IS NOT NULL AS c_sms_stop";
  public static final String JOINS = " LEFT JOIN customer_contact_preferences p ON p.customer_id = c.id"
      + " LEFT JOIN sms_opt_outs so ON so.phone = c.phone";

  static final List<Channel> DEFAULT_ORDER = List.of(Channel.SMS, Channel.EMAIL);
  static final QuietHours DEFAULT_QUIET = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));
  static final int DEFAULT_DAILY_CAP = 3;

  private final Set<Channel> configured;

  /** @param configured customer channels that have a connector */
  public CustomerRows(Set<Channel> configured) {
    this.configured = Set.copyOf(configured);
  }

  public Customer read(ResultSet rs) throws SQLException {
    String id = Long.toString(rs.getLong("c_id"));
    boolean present = rs.getBoolean("p_present");
    List<Channel> order = present ? channels(rs.getArray("p_order")) : DEFAULT_ORDER;
    order = order.stream().filter(configured::contains).toList();
    Set<Channel> optedOut = EnumSet.noneOf(Channel.class);
    if (present) {
      optedOut.addAll(channels(rs.getArray("p_out")));
    }
    if (rs.getBoolean("c_sms_stop")) {
      optedOut.add(Channel.SMS);
    }
    QuietHours quiet = DEFAULT_QUIET;
    int cap = DEFAULT_DAILY_CAP;
    if (present) {
      Time start = rs.getTime("p_qs");
      Time end = rs.getTime("p_qe");
      quiet = start == null || end == null ? null : new QuietHours(start.toLocalTime(), end.toLocalTime());
      cap = rs.getInt("p_cap");
    }
    ContactPreferences preferences = new ContactPreferences(order, language(rs.getString("c_lang")),
        zone(id, rs.getString("c_tz")), quiet, optedOut, cap);
    String name = rs.getString("c_name");
    return new Customer(id, name == null || name.isBlank() ? rs.getString("c_ext") : name,
        valid(id, rs.getString("c_phone"), "\\+[1-9]\\d{1,14}"),
        valid(id, rs.getString("c_email"), "[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), preferences);
  }

  /** Who a ticket is "about" when there is no single customer (a disruption's ticket). */
  public static Customer operations() {
    return new Customer("operations", "Operations", null, null,
        new ContactPreferences(List.of(), Locale.ENGLISH, ZoneId.of("UTC"), null, Set.of(), 1));
  }

  static List<Channel> channels(Array array) throws SQLException {
    List<Channel> out = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add(Channel.valueOf(o.toString().toUpperCase(Locale.ROOT)));
      }
    }
    return out;
  }

  private static Locale language(String tag) {
    return tag == null || !tag.matches("[a-zA-Z]{2,3}([-_].*)?") ? Locale.ENGLISH
        : Locale.of(
            tag.substring(0, Math.min(tag.length(), tag.matches("[a-zA-Z]{3}.*") ? 3 : 2)).toLowerCase(Locale.ROOT));
  }

  private static ZoneId zone(String customer, String name) {
    try {
      return name == null ? ZoneId.of("UTC") : ZoneId.of(name);
    } catch (DateTimeException e) {
      LOG.warn("[customer: {}] unknown time zone '{}', using UTC", customer, name);
      return ZoneId.of("UTC");
    }
  }

  private static String valid(String customer, String value, String pattern) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.strip().matches(pattern)) {
      LOG.warn("[customer: {}] ignoring unusable address '{}'", customer, value);
      return null;
    }
    return value.strip();
  }
}
