package io.forewarn.notifier.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.outreach.CustomerOutreach.NotSent;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Quiet hours in the customer's zone, the quiet-hours override, and the daily cap. */
class OutreachPlannerTimingTest {
  private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));

  private static OutreachPlanner plannerAt(String instant, PlannerConfig config) {
    return new OutreachPlanner(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), config);
  }

  private static Customer customerIn(String zone) {
    return Notices.customer(Notices.preferences(ZoneId.of(zone), NIGHT));
  }

  @Test
  void quiet_hours_follow_the_customers_zone_not_the_servers() {
    // GIVEN 14:00 UTC: afternoon in London, 23:00 in Tokyo
    OutreachPlanner planner = plannerAt("2025-06-10T14:00:00Z", PlannerConfig.defaults());
    IncidentNotice london = Notices.device().customer(customerIn("Europe/London")).build();
    IncidentNotice tokyo = Notices.device().customer(customerIn("Asia/Tokyo")).build();
    // WHEN
    Scheduled forLondon = (Scheduled) planner.plan(london, ContactHistory.NONE).customer();
    Scheduled forTokyo = (Scheduled) planner.plan(tokyo, ContactHistory.NONE).customer();
    // THEN London now, Tokyo at 08:00 JST (23:00 UTC)
    assertThat(forLondon.timing()).isEqualTo(SendTiming.IMMEDIATE);
    assertThat(forTokyo.timing()).isEqualTo(SendTiming.AFTER_QUIET_HOURS);
    assertThat(forTokyo.sendAt()).isEqualTo(Instant.parse("2025-06-10T23:00:00Z"));
  }

  @Test
  void half_hour_offset_zone_gets_its_own_morning() {
    // GIVEN 17:00 UTC = 22:30 in Kolkata (UTC+05:30)
    OutreachPlanner planner = plannerAt("2025-06-10T17:00:00Z", PlannerConfig.defaults());
    IncidentNotice notice = Notices.device().customer(customerIn("Asia/Kolkata")).build();
    // THEN 08:00 IST = 02:30 UTC
    Scheduled s = (Scheduled) planner.plan(notice, ContactHistory.NONE).customer();
    assertThat(s.sendAt()).isEqualTo(Instant.parse("2025-06-11T02:30:00Z"));
  }

  @Test
  void deferral_across_the_spring_dst_change_lands_on_local_morning() {
    // GIVEN 23:30 in New York on the night clocks spring forward (2025-03-09)
    OutreachPlanner planner = plannerAt("2025-03-09T04:30:00Z", PlannerConfig.defaults());
    IncidentNotice notice = Notices.device().customer(customerIn("America/New_York")).build();
    // WHEN
    Scheduled s = (Scheduled) planner.plan(notice, ContactHistory.NONE).customer();
    // THEN 08:00 EDT = 12:00 UTC (it would be 13:00 UTC had the offset not changed)
    assertThat(s.sendAt()).isEqualTo(Instant.parse("2025-03-09T12:00:00Z"));
  }

  @Test
  void disruption_can_be_configured_to_override_quiet_hours_but_not_its_all_clear() {
    // GIVEN disruptions override quiet hours, and it is 03:00 in London
    PlannerConfig config = new PlannerConfig(Severity.MEDIUM, Duration.ofMinutes(30),
        EnumSet.of(IncidentKind.SERVICE_DISRUPTION), List.of(), null, Set.of());
    OutreachPlanner planner = plannerAt("2025-06-10T02:00:00Z", config);
    Customer customer = customerIn("Europe/London");
    // WHEN
    Scheduled opened = (Scheduled) planner.plan(Notices.disruption().customer(customer).build(), ContactHistory.NONE)
        .customer();
    ContactHistory told = new ContactHistory(List.of(new SentMessage("INC-1", Transition.OPENED, Channel.SMS,
        Instant.parse("2025-06-10T01:00:00Z"), null, Severity.HIGH)));
    Scheduled resolved = (Scheduled) planner.plan(Notices.disruption().customer(customer)
        .resolved(Duration.ofHours(1)).build(), told).customer();
    // THEN the outage alert goes now; "it's fixed" waits for 08:00 BST
    assertThat(opened.timing()).isEqualTo(SendTiming.QUIET_HOURS_OVERRIDDEN);
    assertThat(opened.sendAt()).isEqualTo(Instant.parse("2025-06-10T02:00:00Z"));
    assertThat(resolved.timing()).isEqualTo(SendTiming.AFTER_QUIET_HOURS);
    assertThat(resolved.sendAt()).isEqualTo(Instant.parse("2025-06-10T07:00:00Z"));
  }

  @Test
  void device_problem_still_waits_when_only_disruptions_override() {
    PlannerConfig config = new PlannerConfig(Severity.MEDIUM, Duration.ofMinutes(30),
        EnumSet.of(IncidentKind.SERVICE_DISRUPTION), List.of(), null, Set.of());
    OutreachPlanner planner = plannerAt("2025-06-10T02:00:00Z", config);
    Scheduled s = (Scheduled) planner.plan(Notices.device().customer(customerIn("Europe/London")).build(),
        ContactHistory.NONE).customer();
    assertThat(s.timing()).isEqualTo(SendTiming.AFTER_QUIET_HOURS);
  }

  @Test
  void daily_cap_stops_a_fourth_message_within_24_hours() {
    // GIVEN three messages about other incidents in the last 24 hours, cap 3
    Instant now = Notices.NOON_UTC;
    ContactHistory history = new ContactHistory(List.of(
        new SentMessage("INC-7", Transition.OPENED, Channel.SMS, now.minus(Duration.ofHours(23)), null, Severity.HIGH),
        new SentMessage("INC-8", Transition.OPENED, Channel.SMS, now.minus(Duration.ofHours(5)), null, Severity.HIGH),
        new SentMessage("INC-9", Transition.OPENED, Channel.EMAIL, now.minus(Duration.ofHours(1)), null,
            Severity.HIGH)));
    OutreachPlanner planner = plannerAt(now.toString(), PlannerConfig.defaults());
    // WHEN
    NotSent n = (NotSent) planner.plan(Notices.device().build(), history).customer();
    // THEN
    assertThat(n.reason()).isEqualTo(NoOutreachReason.DAILY_CAP_REACHED);
  }

  @Test
  void daily_cap_is_a_rolling_window_ending_at_the_send_time() {
    // GIVEN the oldest of three messages is 24h01m old
    Instant now = Notices.NOON_UTC;
    ContactHistory history = new ContactHistory(List.of(
        new SentMessage("INC-7", Transition.OPENED, Channel.SMS, now.minus(Duration.ofHours(24).plusMinutes(1)), null,
            Severity.HIGH),
        new SentMessage("INC-8", Transition.OPENED, Channel.SMS, now.minus(Duration.ofHours(5)), null, Severity.HIGH),
        new SentMessage("INC-9", Transition.OPENED, Channel.EMAIL, now.minus(Duration.ofHours(1)), null,
            Severity.HIGH)));
    // THEN only two count, the message goes
    assertThat(plannerAt(now.toString(), PlannerConfig.defaults()).plan(Notices.device().build(), history).customer())
        .isInstanceOf(Scheduled.class);
  }

  @Test
  void daily_cap_is_checked_at_the_deferred_send_time() {
    // GIVEN at 23:00 London the cap is full, but the oldest message falls out before 08:00 tomorrow
    Instant now = Instant.parse("2025-06-10T22:00:00Z");
    ContactHistory history = new ContactHistory(List.of(
        new SentMessage("INC-7", Transition.OPENED, Channel.SMS, Instant.parse("2025-06-10T06:30:00Z"), null,
            Severity.HIGH),
        new SentMessage("INC-8", Transition.OPENED, Channel.SMS, Instant.parse("2025-06-10T12:00:00Z"), null,
            Severity.HIGH),
        new SentMessage("INC-9", Transition.OPENED, Channel.SMS, Instant.parse("2025-06-10T20:00:00Z"), null,
            Severity.HIGH)));
    IncidentNotice notice = Notices.device().customer(customerIn("Europe/London")).build();
    // WHEN
    Scheduled s = (Scheduled) plannerAt(now.toString(), PlannerConfig.defaults()).plan(notice, history).customer();
    // THEN it is planned for 07:00 UTC, when only two messages remain in the window
    assertThat(s.sendAt()).isEqualTo(Instant.parse("2025-06-11T07:00:00Z"));
  }
}
