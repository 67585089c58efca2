package io.forewarn.notifier.template;

import static io.forewarn.notifier.outreach.Notices.NOON_UTC;
import static io.forewarn.notifier.template.MessageRendererTest.RU;
import static io.forewarn.notifier.template.MessageRendererTest.customer;
import static io.forewarn.notifier.template.MessageRendererTest.renderer;
import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.notifier.feedback.SurveyKind;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Notices;
import io.forewarn.notifier.outreach.Transition;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A firmware disruption (every GB24 boiler on 1.9.2 degrading) is told to each owner about their own
 * product, in their language, on every channel; an area disruption keeps its area wording.
 */
class FirmwareDisruptionMessagesTest {
  private static final List<Channel> CUSTOMER_CHANNELS = List.of(Channel.SMS, Channel.EMAIL);

  private static Notices.Builder firmware(Locale language) {
    return Notices.firmwareDisruption().customer(language.equals(RU)
        ? customer("Екатерина Александровна", RU, "Europe/Moscow")
        : customer("Catherine Montgomery", Locale.ENGLISH, "Europe/London"));
  }

  /** The notice at {@code transition}, as the planner hands it on (a closing one with its resolution). */
  private static IncidentNotice at(Notices.Builder builder, Transition transition) {
    return switch (transition) {
      case OPENED -> builder.opened().build();
      case UPDATED -> builder.updated().build();
      case RESOLVED -> builder.resolved(Duration.ofDays(2).plusHours(3)).build();
    };
  }

  private static RenderedMessage render(IncidentNotice notice, Channel channel, String gesture, SurveyKind survey)
      throws Exception {
    RenderResult result = renderer(4).render(new MessageRequest(notice, notice.transition(), channel,
        notice.customer().language(), notice.customer().timeZone(), gesture, survey));
    assertThat(result).as("%s %s", notice.transition(), channel).isInstanceOf(RenderResult.Rendered.class);
    return ((RenderResult.Rendered) result).message();
  }

  private static String customerText(RenderedMessage m) {
    return (m.subject() == null ? "" : m.subject() + "\n") + m.text();
  }

  @Test
  void an_english_customer_reads_about_their_gb24_boiler_on_every_channel_and_step() throws Exception {
    for (Transition transition : Transition.values()) {
      // GIVEN every GB24 boiler on 1.9.2 is degrading, and Catherine owns one
      IncidentNotice notice = at(firmware(Locale.ENGLISH), transition);
      for (Channel channel : CUSTOMER_CHANNELS) {
        // WHEN her message is written
        RenderedMessage message = render(notice, channel, null, SurveyKind.CSAT);
        // THEN it is about her product by its name, never about her area or the firmware's id
        assertThat(message.key().path()).startsWith("firmware_disruption/");
        assertThat(customerText(message)).as(message.key().path())
            .contains("your GB24 boiler").contains("software fault")
            .doesNotContain("area").doesNotContain("boiler-gb24").doesNotContain("{{");
      }
    }
  }

  @Test
  void a_russian_customer_reads_about_their_boiler_in_russian_on_every_channel_and_step() throws Exception {
    for (Transition transition : Transition.values()) {
      // GIVEN the same fault, and a Russian-speaking owner in Moscow
      IncidentNotice notice = at(firmware(RU), transition);
      for (Channel channel : CUSTOMER_CHANNELS) {
        // WHEN her message is written
        RenderedMessage message = render(notice, channel, null, SurveyKind.CSAT);
        // THEN it names her product in Russian and says the fault is in its software, not in her area
        assertThat(message.key().language()).isEqualTo(RU);
        assertThat(customerText(message)).as(message.key().path())
            .containsPattern("ваш(е|его) устройств(о|а) \\(котёл GB24\\)").contains("ошибк").contains("программ")
            .doesNotContain("район").doesNotContain("boiler-gb24").doesNotContain("{{");
      }
    }
  }

  @Test
  void the_opening_sms_says_what_they_may_notice_what_we_do_and_that_we_will_give_a_time() throws Exception {
    // GIVEN a firmware disruption as the rules stage opens it: no ETA, no action for the customer
    IncidentNotice en = firmware(Locale.ENGLISH).build();
    IncidentNotice ru = firmware(RU).build();
    // WHEN the opening SMS is written in both languages
    RenderedMessage english = render(en, Channel.SMS, null, null);
    RenderedMessage russian = render(ru, Channel.SMS, null, null);
    // THEN
    assertThat(english.text()).isEqualTo("Forewarn: Hi Catherine Montgomery, your GB24 boiler may not work as well"
        + " as it should: we have found a software fault in some of our devices. We are already preparing a software"
        + " update that fixes it and will install itself. We will tell you when to expect the fix as soon as we know."
        + " Reply STOP to opt out.");
    assertThat(english.sms().segments()).isEqualTo(2);
    assertThat(russian.text()).isEqualTo("Forewarn: Екатерина Александровна, ваше устройство (котёл GB24) может"
        + " работать хуже обычного: мы нашли программную ошибку в части наших устройств. Уже готовим обновление,"
        + " оно установится само. Сообщим, когда ждать исправления.");
    assertThat(russian.sms().segments()).isEqualTo(4);
  }

  @Test
  void the_closing_sms_says_it_is_fixed_and_asks_once_for_feedback() throws Exception {
    // GIVEN the fault is over after two days
    IncidentNotice en = at(firmware(Locale.ENGLISH), Transition.RESOLVED);
    IncidentNotice ru = at(firmware(RU), Transition.RESOLVED);
    // WHEN the closing SMS is written with the CSAT question and no gesture
    RenderedMessage english = render(en, Channel.SMS, null, SurveyKind.CSAT);
    RenderedMessage russian = render(ru, Channel.SMS, null, SurveyKind.CSAT);
    // THEN
    assertThat(english.text()).isEqualTo("Forewarn: Good news, Catherine Montgomery: the software fault that affected"
        + " your GB24 boiler is fixed, and it is working normally again. Thank you for your patience."
        + " How did we do? Reply with a number from 1 (poor) to 5 (excellent).");
    assertThat(english.sms().segments()).isEqualTo(2);
    assertThat(russian.text()).isEqualTo("Forewarn: ошибка в программе вашего устройства (котёл GB24) исправлена,"
        + " оно снова работает как обычно. Спасибо за терпение!"
        + " Как мы справились? Ответьте цифрой от 1 (плохо) до 5 (отлично).");
    assertThat(russian.sms().segments()).isEqualTo(3);
  }

  @Test
  void every_firmware_sms_fits_the_segment_limit_without_leaving_anything_out() throws Exception {
    for (Locale language : List.of(Locale.ENGLISH, RU)) {
      for (Transition transition : Transition.values()) {
        // GIVEN the notice bare (as the rules stage writes it) and with every optional value: an ETA days
        // away, an action, a service credit and the survey
        IncidentNotice bare = at(firmware(language), transition);
        IncidentNotice full = at(firmware(language).eta(NOON_UTC.plus(Duration.ofDays(3))).action("no_action_needed"),
            transition);
        for (RenderedMessage sms : List.of(render(bare, Channel.SMS, null, null),
            render(full, Channel.SMS, "service_credit", SurveyKind.CSAT))) {
          // THEN each fits in 4 segments (GSM-7 for English, UCS-2 for Russian) with nothing dropped
          assertThat(sms.sms().segments()).as(sms.text()).isLessThanOrEqualTo(4);
          assertThat(sms.droppedSections()).as(sms.text()).isZero();
          assertThat(sms.sms().encoding()).isEqualTo(language.equals(RU) ? SmsEncoding.UCS2 : SmsEncoding.GSM7);
        }
      }
    }
  }

  @Test
  void the_ticket_keeps_the_firmware_as_operators_know_it() throws Exception {
    // GIVEN the firmware disruption's ticket for operations
    IncidentNotice notice = Notices.firmwareDisruption().build();
    // WHEN it is opened
    RenderedMessage ticket = ((RenderResult.Rendered) renderer(4).render(
        MessageRequest.forTicket(notice, Transition.OPENED, Locale.ENGLISH, ZoneId.of("UTC")))).message();
    // THEN it names the technical scope and what customers were promised
    assertThat(ticket.subject()).isEqualTo("[high] Software fault on firmware boiler-gb24@1.9.2: software_fault");
    assertThat(ticket.text()).contains("Firmware: boiler-gb24@1.9.2 (GB24 boiler, version 1.9.2)")
        .contains("software update that fixes the fault is being prepared and will install itself");
  }

  @Test
  void a_region_disruption_keeps_the_area_wording() throws Exception {
    // GIVEN a network outage in North Riverside
    IncidentNotice notice = Notices.disruption().customer(customer("Ada", Locale.ENGLISH, "Europe/London")).build();
    // WHEN the opening SMS and email are written
    RenderedMessage sms = render(notice, Channel.SMS, null, null);
    RenderedMessage email = render(notice, Channel.EMAIL, null, null);
    // THEN they come from the area family, word for word as before
    assertThat(sms.key().path()).isEqualTo("service_disruption/opened/sms.en.txt");
    assertThat(sms.text()).isEqualTo("Forewarn: Hi Ada, we have found a fault in our network that is affecting our"
        + " service in your area (North Riverside). Our engineers are already working on it. Reply STOP to opt out.");
    assertThat(email.subject()).isEqualTo("Service disruption in North Riverside – we're working on it");
  }

  @Test
  void a_model_the_phrase_book_does_not_name_is_called_by_its_id() throws Exception {
    // GIVEN a firmware disruption of a model shipped after the phrase books were written
    IncidentNotice notice = Notices.firmwareDisruption().firmware("charger-ev7", "0.9.1")
        .customer(customer("Ada", Locale.ENGLISH, "Europe/London")).build();
    // WHEN the opening SMS is written
    RenderedMessage sms = render(notice, Channel.SMS, null, null);
    // THEN the customer is still told, with the model's id for a name
    assertThat(sms.text()).contains("your charger-ev7 may not work as well as it should");
  }
}
