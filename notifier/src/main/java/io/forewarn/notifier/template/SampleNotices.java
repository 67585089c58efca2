package io.forewarn.notifier.template;

import io.forewarn.notifier.outreach.AffectedScope;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.ContactPreferences;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.Device;
import io.forewarn.notifier.outreach.IncidentKind;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.MaintenanceWindow;
import io.forewarn.notifier.outreach.ProblemSummary;
import io.forewarn.notifier.outreach.QuietHours;
import io.forewarn.notifier.outreach.Resolution;
import io.forewarn.notifier.outreach.Severity;
import io.forewarn.notifier.outreach.Transition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sample incidents for the preview and the template check: every optional value filled in, so
 * they show the longest message a template produces. Times are relative to {@code now}.
 */
public final class SampleNotices {
  private SampleNotices() {}

  public static IncidentNotice sample(TemplateFamily family, Transition transition, Locale language, Instant now) {
    boolean ru = language.getLanguage().equals("ru");
    ZoneId zone = ru ? ZoneId.of("Europe/Moscow") : ZoneId.of("Europe/London");
    Instant start = now.truncatedTo(ChronoUnit.HOURS);
    Customer customer = new Customer("C-10482", ru ? "Екатерина Александровна" : "Catherine Montgomery",
        "+447700900123", "customer@example.com",
        new ContactPreferences(List.of(Channel.SMS, Channel.EMAIL), language, zone,
            new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0)), Set.of(), 3));
    Resolution resolution = transition == Transition.RESOLVED
        ? new Resolution(start.plus(Duration.ofHours(2)), Duration.ofHours(5).plusMinutes(20)) : null;
    AffectedScope area = new AffectedScope.Area(ru ? "Заречный" : "North Riverside");
    return switch (family) {
      case DEVICE_PROBLEM -> new IncidentNotice("INC-2024-0815", 3, IncidentKind.DEVICE_PROBLEM, transition,
          Severity.HIGH, now, new Device("SH2-00412785", "SafeHome Hub 2"), customer,
          new ProblemSummary("battery_wearing_out", Map.of("capacity_percent", "38")),
          start.plus(Duration.ofDays(2)), start.plus(Duration.ofHours(26)), "keep_plugged_in",
          null, null, resolution);
      case SERVICE_DISRUPTION -> new IncidentNotice("INC-2024-0816", 2, IncidentKind.SERVICE_DISRUPTION, transition,
          Severity.CRITICAL, now, null, customer, ProblemSummary.of("network_outage"), null,
          start.plus(Duration.ofHours(3)), "restart_after_restore", area, null, resolution);
      case FIRMWARE_DISRUPTION -> new IncidentNotice("INC-2024-0818", 2, IncidentKind.SERVICE_DISRUPTION, transition,
          Severity.CRITICAL, now, null, customer, new ProblemSummary("software_fault",
              Map.of("detected_by", "cohort_comparison", "cohort_metric", "flame_signal_ua", "cohort_shift", "-0.9",
                  "cohort_size", "412")),
          null, start.plus(Duration.ofDays(3)), "no_action_needed",
          new AffectedScope.Firmware("boiler-gb24", "1.9.2"), null, resolution);
      case PLANNED_MAINTENANCE -> new IncidentNotice("INC-2024-0817", 1, IncidentKind.PLANNED_MAINTENANCE, transition,
          Severity.MEDIUM, now, null, customer, ProblemSummary.of("maintenance_network"), null, null,
          "plan_ahead", area, nightWindow(now, zone), resolution);
    };
  }

  /** Maintenance runs at night: 01:00-04:00 local time the night after {@code now}. */
  private static MaintenanceWindow nightWindow(Instant now, ZoneId zone) {
    LocalDate night = now.atZone(zone).toLocalDate().plusDays(1);
    return new MaintenanceWindow(night.atTime(1, 0).atZone(zone).toInstant(),
        night.atTime(4, 0).atZone(zone).toInstant());
  }
}
