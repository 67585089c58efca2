package io.forewarn.notifier.template;

import static io.forewarn.notifier.outreach.Notices.NOON_UTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.ContactPreferences;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Notices;
import io.forewarn.notifier.outreach.ProblemSummary;
import io.forewarn.notifier.outreach.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
  static final Locale RU = Locale.of("ru");
  static final Clock CLOCK = Clock.fixed(NOON_UTC, ZoneOffset.UTC);

  static MessageRenderer renderer(int maxSegments) throws TemplateCheckException {
    TemplateCatalog catalog = TemplateCatalog.load(TemplateSource.shipped(), List.of(Locale.ENGLISH, RU),
        Locale.ENGLISH, Set.of("service_credit"));
    return new MessageRenderer(catalog, CLOCK, "Forewarn", maxSegments);
  }

  static Customer customer(String name, Locale language, String zone) {
    return new Customer("C-1", name, "+447700900123", "ada@example.com", new ContactPreferences(
        List.of(Channel.SMS, Channel.EMAIL), language, ZoneId.of(zone), null, Set.of(), 3));
  }

  static RenderedMessage render(MessageRenderer renderer, IncidentNotice notice, Transition template, Channel channel) {
    MessageRequest request = new MessageRequest(notice, template, channel, notice.customer().language(),
        notice.customer().timeZone(), null, null);
    RenderResult result = renderer.render(request);
    assertThat(result).isInstanceOf(RenderResult.Rendered.class);
    return ((RenderResult.Rendered) result).message();
  }

  @Test
  void english_sms_says_what_we_saw_and_when_it_is_fixed_in_the_customers_time() throws Exception {
    // GIVEN a London customer (BST) and an ETA of 16:00 UTC
    IncidentNotice notice = Notices.device().customer(customer("Ada", Locale.ENGLISH, "Europe/London"))
        .eta(NOON_UTC.plus(Duration.ofHours(4))).action("keep_plugged_in").build();
    // WHEN
    RenderedMessage sms = render(renderer(4), notice, Transition.OPENED, Channel.SMS);
    // THEN
    assertThat(sms.text()).startsWith(
        "Forewarn: Hi Ada, we noticed a problem with your SafeHome Hub 2: its battery now holds only 40% of its charge")
        .contains("We expect it sorted by 17:00 today.")
        .contains("Please keep it plugged in")
        .endsWith("Reply STOP to opt out.")
        .doesNotContain("{{").doesNotContain("  ");
    assertThat(sms.sms().encoding()).isEqualTo(SmsEncoding.GSM7);
    assertThat(sms.subject()).isNull();
  }

  @Test
  void russian_sms_is_ucs2_with_russian_time_words() throws Exception {
    // GIVEN a Moscow customer (UTC+3) and an ETA tomorrow 09:30 local
    IncidentNotice notice = Notices.device().customer(customer("Анна", RU, "Europe/Moscow"))
        .eta(NOON_UTC.plus(Duration.ofHours(18).plusMinutes(30))).build();
    // WHEN
    RenderedMessage sms = render(renderer(4), notice, Transition.OPENED, Channel.SMS);
    // THEN
    assertThat(sms.text()).isEqualTo("Forewarn: Анна, SafeHome Hub 2: мы заметили неполадку — аккумулятор "
        + "держит лишь 40% заряда и изнашивается слишком быстро. Уже работаем над ней. Срок исправления: завтра в 09:30.");
    assertThat(sms.sms().encoding()).isEqualTo(SmsEncoding.UCS2);
    assertThat(sms.sms().segments()).isEqualTo(3);
  }

  @Test
  void email_has_subject_text_and_escaped_html() throws Exception {
    // GIVEN a name with characters that mean something in HTML
    IncidentNotice notice = Notices.device().customer(customer("Ada <Lovelace> & Co", Locale.ENGLISH, "Europe/London"))
        .build();
    // WHEN
    RenderedMessage email = render(renderer(4), notice, Transition.OPENED, Channel.EMAIL);
    // THEN
    assertThat(email.subject()).isEqualTo("Your SafeHome Hub 2 needs attention – we're already on it");
    assertThat(email.text()).startsWith("Hello Ada <Lovelace> & Co,")
        .contains("We will tell you when to expect the fix as soon as we know.")
        .doesNotContain("\n\n\n");
    assertThat(email.html()).contains("<html lang=\"en\">").contains("<p>Hello Ada &lt;Lovelace&gt; &amp; Co,</p>")
        .doesNotContain("<Lovelace>");
  }

  @Test
  void closing_message_carries_gesture_survey_and_duration_in_russian() throws Exception {
    // GIVEN a disruption resolved after 2 h 21 min
    IncidentNotice notice = Notices.disruption().customer(customer("Анна", RU, "Europe/Moscow"))
        .region("Заречный").resolved(Duration.ofHours(2).plusMinutes(21)).build();
    MessageRequest request = new MessageRequest(notice, Transition.RESOLVED, Channel.SMS, RU,
        ZoneId.of("Europe/Moscow"), "service_credit", SurveyKind.CSAT);
    // WHEN
    RenderedMessage sms = ((RenderResult.Rendered) renderer(4).render(request)).message();
    // THEN
    assertThat(sms.text()).contains("перерыв (2 часа 21 минута)")
        .contains("один день обслуживания бесплатно")
        .endsWith("Ответьте цифрой от 1 (плохо) до 5 (отлично).");
  }

  @Test
  void values_that_look_like_placeholders_are_printed_as_is() throws Exception {
    IncidentNotice notice = Notices.device().customer(customer("{{brand}}", Locale.ENGLISH, "UTC")).build();
    assertThat(render(renderer(4), notice, Transition.OPENED, Channel.SMS).text()).contains("Hi {{brand}},");
  }

  @Test
  void unknown_problem_key_fails_instead_of_sending_a_gap() throws Exception {
    // GIVEN the rules stage invented a key the phrase book does not know
    IncidentNotice notice = Notices.device().summary("flux_capacitor_drift").build();
    // WHEN
    RenderResult result = renderer(4).render(new MessageRequest(notice, Transition.OPENED, Channel.SMS,
        Locale.ENGLISH, ZoneId.of("UTC"), null, null));
    // THEN
    assertThat(result).isInstanceOf(RenderResult.Failed.class);
    assertThat(((RenderResult.Failed) result).reason()).contains("no phrase 'problem.flux_capacitor_drift'");
  }

  @Test
  void phrase_parameter_missing_from_the_notice_fails() throws Exception {
    IncidentNotice notice = Notices.device().summary(new ProblemSummary("battery_wearing_out", Map.of())).build();
    RenderResult result = renderer(4).render(new MessageRequest(notice, Transition.OPENED, Channel.EMAIL,
        Locale.ENGLISH, ZoneId.of("UTC"), null, null));
    assertThat(((RenderResult.Failed) result).reason()).contains("no value for {{capacity_percent}}");
  }

  @Test
  void customer_language_without_templates_gets_the_default_language() throws Exception {
    IncidentNotice notice = Notices.device().customer(customer("Ada", Locale.GERMAN, "Europe/Berlin")).build();
    RenderedMessage sms = render(renderer(4), notice, Transition.OPENED, Channel.SMS);
    assertThat(sms.key().language()).isEqualTo(Locale.ENGLISH);
    assertThat(sms.text()).startsWith("Forewarn: Hi Ada");
  }

  @Test
  void ticket_is_written_for_operations_with_customer_contact() throws Exception {
    IncidentNotice notice = Notices.device().eta(NOON_UTC.plus(Duration.ofHours(1))).build();
    MessageRequest request = MessageRequest.forTicket(notice, Transition.OPENED, Locale.ENGLISH, ZoneId.of("UTC"));
    RenderedMessage ticket = ((RenderResult.Rendered) renderer(4).render(request)).message();
    assertThat(ticket.subject()).isEqualTo("[high] SafeHome Hub 2 SN-1: battery_wearing_out (customer C-1)");
    assertThat(ticket.text()).contains("Phone: +447700900123").contains("Measurements: capacity_percent=40")
        .contains("Fix ETA: 13:00 today").doesNotContain("Predicted failure");
    assertThat(ticket.html()).isNull();
  }

  @Test
  void durations_use_the_right_plural_forms() throws Exception {
    TemplateCatalog catalog = renderer(4).catalog();
    Phrasebook ru = catalog.phrases(RU);
    Phrasebook en = catalog.phrases(Locale.ENGLISH);
    assertThat(MessageValues.duration(Duration.ofHours(1), ru)).isEqualTo("1 час");
    assertThat(MessageValues.duration(Duration.ofHours(3).plusMinutes(11), ru)).isEqualTo("3 часа 11 минут");
    assertThat(MessageValues.duration(Duration.ofDays(21).plusHours(5), ru)).isEqualTo("21 день 5 часов");
    assertThat(MessageValues.duration(Duration.ofDays(2).plusMinutes(5), en)).isEqualTo("2 days");
    assertThat(MessageValues.duration(Duration.ofMinutes(1), en)).isEqualTo("1 minute");
    assertThat(MessageValues.duration(Duration.ofSeconds(20), en)).isEqualTo("less than a minute");
  }

  @Test
  void a_ticket_links_back_to_the_incident_when_a_link_is_configured() throws Exception {
    // GIVEN a renderer with FOREWARN_NOTIFIER_INCIDENT_URL set, and one without
    TemplateConfig withLink = new TemplateConfig(null, List.of(Locale.ENGLISH, RU), Locale.ENGLISH, 4, "Forewarn",
        Locale.ENGLISH, ZoneId.of("UTC"), "https://ops.example.com/incidents/{id}");
    TemplateCatalog catalog = TemplateCatalog.load(TemplateSource.shipped(), List.of(Locale.ENGLISH, RU),
        Locale.ENGLISH, Set.of("service_credit"));
    MessageRenderer linked = new MessageRenderer(catalog, CLOCK, "Forewarn", 4, withLink::incidentLink);
    IncidentNotice notice = Notices.device().customer(customer("Ada", Locale.ENGLISH, "Europe/London")).build();
    // WHEN the opening ticket is rendered by both
    String ticket = render(linked, notice, Transition.OPENED, Channel.TICKET).text();
    String plain = render(renderer(4), notice, Transition.OPENED, Channel.TICKET).text();
    // THEN only the configured one carries the link, with the incident id in it
    assertThat(ticket).contains("Incident page: https://ops.example.com/incidents/" + notice.incidentId());
    assertThat(plain).doesNotContain("Incident page").doesNotContain("{{");
  }

  @Test
  void an_incident_link_without_the_id_mark_is_refused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TemplateConfig(null, List.of(Locale.ENGLISH),
        Locale.ENGLISH, 4, "Forewarn", Locale.ENGLISH, ZoneId.of("UTC"), "https://ops.example.com/incidents"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{id}");
  }
}
