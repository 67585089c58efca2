package io.forewarn.notifier.outreach;

import static io.forewarn.notifier.outreach.Notices.NOON_UTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.CustomerOutreach.NotSent;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutreachPlannerTest {
  private final OutreachPlanner planner = new OutreachPlanner(Clock.fixed(NOON_UTC, ZoneOffset.UTC),
      PlannerConfig.defaults());

  static SentMessage sent(String incident, Transition transition, Instant at, Instant eta, Severity severity) {
    return new SentMessage(incident, transition, Channel.SMS, at, eta, severity);
  }

  @Test
  void opening_notice_schedules_one_message_now_on_the_preferred_channel_and_opens_a_ticket() {
    // GIVEN a fresh high-severity device problem
    IncidentNotice notice = Notices.device().eta(NOON_UTC.plus(Duration.ofHours(5))).build();
    // WHEN
    OutreachPlan plan = planner.plan(notice, ContactHistory.NONE);
    // THEN
    assertThat(plan.ticket()).isEqualTo(new TicketStep(TicketStep.Action.OPEN, "INC-1/ticket/opened"));
    Scheduled s = (Scheduled) plan.customer();
    assertThat(s.template()).isEqualTo(Transition.OPENED);
    assertThat(s.channels()).containsExactly(Channel.SMS, Channel.EMAIL);
    assertThat(s.sendAt()).isEqualTo(NOON_UTC);
    assertThat(s.timing()).isEqualTo(SendTiming.IMMEDIATE);
    assertThat(s.deliveryKey()).isEqualTo("INC-1/C-1/opened");
    assertThat(s.gesture()).isEmpty();
    assertThat(s.feedbackRequest()).isEmpty();
  }

  @Test
  void second_opening_notice_for_the_same_incident_sends_nothing() {
    // GIVEN the customer was already told
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(600), null, Severity.HIGH)));
    // WHEN
    OutreachPlan plan = planner.plan(Notices.device().build(), history);
    // THEN
    assertThat(plan.customer()).isInstanceOf(NotSent.class);
    assertThat(((NotSent) plan.customer()).reason()).isEqualTo(NoOutreachReason.ALREADY_NOTIFIED);
  }

  @Test
  void minor_device_problem_only_opens_a_ticket() {
    // WHEN
    OutreachPlan plan = planner.plan(Notices.device().severity(Severity.LOW).build(), ContactHistory.NONE);
    // THEN
    assertThat(plan.ticket().action()).isEqualTo(TicketStep.Action.OPEN);
    assertThat(((NotSent) plan.customer()).reason()).isEqualTo(NoOutreachReason.BELOW_SEVERITY_THRESHOLD);
  }

  @Test
  void planned_maintenance_is_announced_whatever_its_severity() {
    // WHEN
    OutreachPlan plan = planner.plan(Notices.maintenance().severity(Severity.LOW).build(), ContactHistory.NONE);
    // THEN
    assertThat(plan.customer()).isInstanceOf(Scheduled.class);
  }

  @Test
  void update_with_eta_moved_beyond_threshold_is_sent_with_a_revision_key() {
    // GIVEN we promised 15:00 and now expect 16:00 (threshold 30 min)
    Instant promised = NOON_UTC.plus(Duration.ofHours(3));
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(3600), promised, Severity.HIGH)));
    IncidentNotice update = Notices.device().updated().revision(4).eta(promised.plus(Duration.ofHours(1))).build();
    // WHEN
    OutreachPlan plan = planner.plan(update, history);
    // THEN
    Scheduled s = (Scheduled) plan.customer();
    assertThat(s.template()).isEqualTo(Transition.UPDATED);
    assertThat(s.deliveryKey()).isEqualTo("INC-1/C-1/updated/4");
    assertThat(plan.ticket()).isEqualTo(new TicketStep(TicketStep.Action.COMMENT, "INC-1/ticket/updated/4"));
  }

  @Test
  void update_with_eta_nudged_within_threshold_stays_in_the_ticket() {
    // GIVEN the ETA moved by exactly the threshold (not more)
    Instant promised = NOON_UTC.plus(Duration.ofHours(3));
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(3600), promised, Severity.HIGH)));
    IncidentNotice update = Notices.device().updated().eta(promised.plus(Duration.ofMinutes(30))).build();
    // WHEN
    OutreachPlan plan = planner.plan(update, history);
    // THEN
    assertThat(((NotSent) plan.customer()).reason()).isEqualTo(NoOutreachReason.NO_MEANINGFUL_CHANGE);
    assertThat(plan.ticket().action()).isEqualTo(TicketStep.Action.COMMENT);
  }

  @Test
  void update_compares_with_the_latest_message_not_the_first() {
    // GIVEN we told 15:00, then 17:00; now 17:10 is expected
    Instant first = NOON_UTC.plus(Duration.ofHours(3));
    Instant second = NOON_UTC.plus(Duration.ofHours(5));
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(7200), first, Severity.HIGH),
        sent("INC-1", Transition.UPDATED, NOON_UTC.minusSeconds(600), second, Severity.HIGH)));
    IncidentNotice update = Notices.device().updated().eta(second.plus(Duration.ofMinutes(10))).build();
    // THEN 10 minutes off the latest promise is not worth a message
    assertThat(((NotSent) planner.plan(update, history).customer()).reason())
        .isEqualTo(NoOutreachReason.NO_MEANINGFUL_CHANGE);
  }

  @Test
  void update_that_makes_an_eta_known_or_raises_severity_is_meaningful() {
    ContactHistory noEtaYet = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(600), null, Severity.MEDIUM)));
    // WHEN an ETA appears
    CustomerOutreach withEta = planner
        .plan(Notices.device().updated().eta(NOON_UTC.plusSeconds(7200)).build(), noEtaYet).customer();
    // AND WHEN only the severity rises
    CustomerOutreach worse = planner.plan(Notices.device().updated().severity(Severity.CRITICAL).build(), noEtaYet)
        .customer();
    // THEN both go out
    assertThat(withEta).isInstanceOf(Scheduled.class);
    assertThat(worse).isInstanceOf(Scheduled.class);
  }

  @Test
  void first_contact_on_an_update_uses_the_opening_template() {
    // GIVEN the customer never heard of the incident
    IncidentNotice update = Notices.device().updated().build();
    // WHEN
    Scheduled s = (Scheduled) planner.plan(update, ContactHistory.NONE).customer();
    // THEN
    assertThat(s.template()).isEqualTo(Transition.OPENED);
    assertThat(s.deliveryKey()).isEqualTo("INC-1/C-1/opened");
  }

  @Test
  void resolution_the_customer_never_heard_of_sends_nothing() {
    // WHEN
    OutreachPlan plan = planner.plan(Notices.device().resolved(Duration.ofHours(1)).build(), ContactHistory.NONE);
    // THEN
    assertThat(((NotSent) plan.customer()).reason()).isEqualTo(NoOutreachReason.NOTHING_TO_CLOSE);
    assertThat(plan.ticket()).isEqualTo(new TicketStep(TicketStep.Action.SOLVE, "INC-1/ticket/resolved"));
  }

  @Test
  void resolution_closes_the_loop_with_a_feedback_request() {
    // GIVEN the customer was told
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(3600), null, Severity.HIGH)));
    // WHEN
    Scheduled s = (Scheduled) planner.plan(Notices.device().resolved(Duration.ofHours(1)).build(), history).customer();
    // THEN
    assertThat(s.template()).isEqualTo(Transition.RESOLVED);
    assertThat(s.feedbackRequest()).contains(SurveyKind.CSAT);
    assertThat(s.gesture()).isEmpty();
    assertThat(s.deliveryKey()).isEqualTo("INC-1/C-1/resolved");
  }

  @Test
  void long_disruption_earns_the_configured_gesture_and_short_one_does_not() {
    // GIVEN credit after 4 hours of disruption, and a customer who was told
    PlannerConfig config = new PlannerConfig(Severity.MEDIUM, Duration.ofMinutes(30), Set.of(),
        List.of(new GestureRule(IncidentKind.SERVICE_DISRUPTION, Duration.ofHours(4), "service_credit")),
        SurveyKind.NPS, EnumSet.of(IncidentKind.SERVICE_DISRUPTION));
    OutreachPlanner withCredit = new OutreachPlanner(Clock.fixed(NOON_UTC, ZoneOffset.UTC), config);
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minus(Duration.ofHours(6)), null, Severity.HIGH)));
    // WHEN
    Scheduled longOne = (Scheduled) withCredit.plan(Notices.disruption().resolved(Duration.ofHours(5)).build(), history)
        .customer();
    Scheduled shortOne = (Scheduled) withCredit
        .plan(Notices.disruption().resolved(Duration.ofHours(3)).build(), history).customer();
    // THEN
    assertThat(longOne.gesture()).contains("service_credit");
    assertThat(longOne.feedbackRequest()).contains(SurveyKind.NPS);
    assertThat(shortOne.gesture()).isEmpty();
  }

  @Test
  void maintenance_completion_asks_no_feedback_by_default() {
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minus(Duration.ofDays(1)), null, Severity.MEDIUM)));
    Scheduled s = (Scheduled) planner.plan(Notices.maintenance().resolved(Duration.ofHours(2)).build(), history)
        .customer();
    assertThat(s.feedbackRequest()).isEmpty();
  }

  @Test
  void second_resolution_notice_sends_nothing() {
    ContactHistory history = new ContactHistory(List.of(
        sent("INC-1", Transition.OPENED, NOON_UTC.minusSeconds(7200), null, Severity.HIGH),
        sent("INC-1", Transition.RESOLVED, NOON_UTC.minusSeconds(60), null, Severity.HIGH)));
    NotSent n = (NotSent) planner.plan(Notices.device().resolved(Duration.ofHours(1)).build(), history).customer();
    assertThat(n.reason()).isEqualTo(NoOutreachReason.ALREADY_NOTIFIED);
  }
}
