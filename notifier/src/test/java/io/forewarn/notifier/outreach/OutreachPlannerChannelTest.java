package io.forewarn.notifier.outreach;

import static io.forewarn.notifier.outreach.Notices.NOON_UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.notifier.outreach.CustomerOutreach.NotSent;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Channel order, opt-outs, missing addresses and fallback after permanent failures. */
class OutreachPlannerChannelTest {
  private final OutreachPlanner planner = new OutreachPlanner(Clock.fixed(NOON_UTC, ZoneOffset.UTC),
      PlannerConfig.defaults());

  private static Customer customer(List<Channel> order, Set<Channel> optedOut, String phone, String email) {
    return new Customer("C-1", "Ada", phone, email, new ContactPreferences(order, Locale.ENGLISH,
        ZoneId.of("Europe/London"), new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0)), optedOut, 3));
  }

  @Test
  void customer_order_is_kept() {
    Customer c = customer(List.of(Channel.EMAIL, Channel.SMS), Set.of(), "+447700900123", "a@example.com");
    Scheduled s = (Scheduled) planner.plan(Notices.device().customer(c).build(), ContactHistory.NONE).customer();
    assertThat(s.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
  }

  @Test
  void opted_out_channel_is_skipped() {
    // GIVEN the customer sent STOP to our SMS
    Customer c = customer(List.of(Channel.SMS, Channel.EMAIL), Set.of(Channel.SMS), "+447700900123", "a@example.com");
    // WHEN
    Scheduled s = (Scheduled) planner.plan(Notices.device().customer(c).build(), ContactHistory.NONE).customer();
    // THEN
    assertThat(s.channels()).containsExactly(Channel.EMAIL);
  }

  @Test
  void channel_without_an_address_is_skipped() {
    Customer c = customer(List.of(Channel.SMS, Channel.EMAIL), Set.of(), null, "a@example.com");
    Scheduled s = (Scheduled) planner.plan(Notices.device().customer(c).build(), ContactHistory.NONE).customer();
    assertThat(s.channels()).containsExactly(Channel.EMAIL);
  }

  @Test
  void nothing_is_sent_when_every_channel_is_opted_out_or_unreachable() {
    // GIVEN SMS opted out and no email address
    Customer c = customer(List.of(Channel.SMS, Channel.EMAIL), Set.of(Channel.SMS), "+447700900123", null);
    // WHEN
    NotSent n = (NotSent) planner.plan(Notices.device().customer(c).build(), ContactHistory.NONE).customer();
    // THEN the reason says which is which
    assertThat(n.reason()).isEqualTo(NoOutreachReason.NO_USABLE_CHANNEL);
    assertThat(n.detail()).contains("SMS opted out").contains("EMAIL has no address");
  }

  @Test
  void permanent_failure_falls_back_to_the_next_channel_keeping_the_key() {
    // GIVEN an SMS plan and Twilio said the number is invalid
    IncidentNotice notice = Notices.device().build();
    Scheduled first = (Scheduled) planner.plan(notice, ContactHistory.NONE).customer();
    // WHEN
    CustomerOutreach next = planner.afterPermanentFailure(notice, first, Channel.SMS);
    // THEN email, same message and key, now
    Scheduled s = (Scheduled) next;
    assertThat(s.channels()).containsExactly(Channel.EMAIL);
    assertThat(s.deliveryKey()).isEqualTo(first.deliveryKey());
    assertThat(s.template()).isEqualTo(first.template());
    assertThat(s.sendAt()).isEqualTo(NOON_UTC);
  }

  @Test
  void permanent_failure_of_the_last_channel_ends_the_attempt() {
    IncidentNotice notice = Notices.device().build();
    Scheduled first = (Scheduled) planner.plan(notice, ContactHistory.NONE).customer();
    Scheduled emailOnly = (Scheduled) planner.afterPermanentFailure(notice, first, Channel.SMS);
    // WHEN email fails too
    CustomerOutreach after = planner.afterPermanentFailure(notice, emailOnly, Channel.EMAIL);
    // THEN
    assertThat(((NotSent) after).reason()).isEqualTo(NoOutreachReason.ALL_CHANNELS_FAILED);
  }

  @Test
  void fallback_that_slips_into_quiet_hours_waits_for_morning() {
    // GIVEN the SMS was planned for 20:59 London and its failure is known at 21:05 UTC (22:05 BST)
    Scheduled first = new Scheduled("INC-1/C-1/opened", Transition.OPENED, List.of(Channel.SMS, Channel.EMAIL),
        Instant.parse("2025-06-10T19:59:00Z"), SendTiming.IMMEDIATE, null, null);
    OutreachPlanner later = new OutreachPlanner(Clock.fixed(Instant.parse("2025-06-10T21:05:00Z"), ZoneOffset.UTC),
        PlannerConfig.defaults());
    Customer londonWithNight = Notices.customer(Notices.preferences(ZoneId.of("Europe/London"),
        new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0))));
    // WHEN
    Scheduled s = (Scheduled) later.afterPermanentFailure(Notices.device().customer(londonWithNight).build(), first,
        Channel.SMS);
    // THEN
    assertThat(s.timing()).isEqualTo(SendTiming.AFTER_QUIET_HOURS);
    assertThat(s.sendAt()).isEqualTo(Instant.parse("2025-06-11T07:00:00Z"));
  }

  @Test
  void retry_time_respects_quiet_hours() {
    Customer london = Notices.customer(Notices.preferences(ZoneId.of("Europe/London"),
        new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0))));
    IncidentNotice notice = Notices.device().customer(london).build();
    Scheduled s = (Scheduled) planner.plan(notice, ContactHistory.NONE).customer();
    // WHEN a retry is proposed for 23:30 BST
    Instant at = planner.retryTime(notice, s, Instant.parse("2025-06-10T22:30:00Z"));
    // THEN
    assertThat(at).isEqualTo(Instant.parse("2025-06-11T07:00:00Z"));
  }

  @Test
  void fallback_for_a_channel_not_in_the_plan_is_a_bug() {
    IncidentNotice notice = Notices.device().build();
    Scheduled emailOnly = new Scheduled("k", Transition.OPENED, List.of(Channel.EMAIL), NOON_UTC,
        SendTiming.IMMEDIATE, null, null);
    assertThatThrownBy(() -> planner.afterPermanentFailure(notice, emailOnly, Channel.SMS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void opting_out_adds_to_existing_opt_outs() {
    ContactPreferences p = Notices.preferences(ZoneId.of("UTC"), null).withOptOut(Channel.SMS)
        .withOptOut(Channel.EMAIL);
    assertThat(p.optedOut()).containsExactlyInAnyOrder(Channel.SMS, Channel.EMAIL);
  }

  @Test
  void ticket_key_has_no_customer_so_one_disruption_makes_one_ticket() {
    Customer other = new Customer("C-2", "Bob", "+447700900124", null, Notices.preferences(ZoneId.of("UTC"), null));
    OutreachPlan a = planner.plan(Notices.disruption().build(), ContactHistory.NONE);
    OutreachPlan b = planner.plan(Notices.disruption().customer(other).build(), ContactHistory.NONE);
    assertThat(a.ticket()).isEqualTo(b.ticket());
    assertThat(((Scheduled) a.customer()).deliveryKey()).isNotEqualTo(((Scheduled) b.customer()).deliveryKey());
  }
}
