package io.forewarn.notifier.compose;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.forewarn.notifier.channel.Await;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.RateLimit;
import io.forewarn.notifier.channel.email.EmailMessage;
import io.forewarn.notifier.channel.sms.SmsMessage;
import io.forewarn.notifier.channel.sms.TwilioConfig;
import io.forewarn.notifier.channel.sms.TwilioSmsConnector;
import io.forewarn.notifier.channel.ticket.TicketMessage;
import io.forewarn.notifier.channel.ticket.TicketPriority;
import io.forewarn.notifier.outreach.Channel;
import io.forewarn.notifier.outreach.ContactHistory;
import io.forewarn.notifier.outreach.ContactPreferences;
import io.forewarn.notifier.outreach.Customer;
import io.forewarn.notifier.outreach.CustomerOutreach.Scheduled;
import io.forewarn.notifier.outreach.IncidentNotice;
import io.forewarn.notifier.outreach.Notices;
import io.forewarn.notifier.outreach.OutreachPlan;
import io.forewarn.notifier.outreach.OutreachPlanner;
import io.forewarn.notifier.outreach.PlannerConfig;
import io.forewarn.notifier.outreach.Severity;
import io.forewarn.notifier.outreach.TicketStep;
import io.forewarn.notifier.template.MessageRenderer;
import io.forewarn.notifier.template.TemplateConfig;
import io.forewarn.notifier.template.Templates;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notice → plan → rendered messages → Twilio fake: the parts the delivery loop will chain. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutreachPipelineTest {
  static final Clock CLOCK = Clock.fixed(Notices.NOON_UTC, ZoneOffset.UTC);
  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";

  @RegisterExtension
  static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MessageRenderer renderer;
  private final OutreachComposer composer;

  OutreachPipelineTest() throws Exception {
    TemplateConfig templates = TemplateConfig.defaults();
    renderer = Templates.loadChecked(templates, Set.of(), CLOCK);
    composer = new OutreachComposer(renderer, templates);
  }

  private static IncidentNotice russianNotice() {
    Customer anna = new Customer("C-7", "Анна", "+79161234567", "anna@example.com", new ContactPreferences(
        List.of(Channel.SMS, Channel.EMAIL), Locale.of("ru"), ZoneId.of("Europe/Moscow"), null, Set.of(), 3));
    return Notices.device().customer(anna).severity(Severity.CRITICAL).eta(Notices.NOON_UTC.plus(Duration.ofHours(3)))
        .build();
  }

  @Test
  void russian_customer_gets_a_russian_sms_through_twilio(Vertx vertx) throws Exception {
    // GIVEN a plan for a Russian-speaking customer
    IncidentNotice notice = russianNotice();
    OutreachPlan plan = new OutreachPlanner(CLOCK, PlannerConfig.defaults()).plan(notice, ContactHistory.NONE);
    Scheduled scheduled = (Scheduled) plan.customer();
    twilio.stubFor(post(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
        .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM77\",\"status\":\"queued\"}")));
    TwilioSmsConnector sms = new TwilioSmsConnector(WebClient.create(vertx),
        new TwilioConfig(URI.create(twilio.baseUrl()),
            ACCOUNT, "token", null, null, "+15005550006", null, null, Duration.ofSeconds(2), Duration.ofSeconds(5),
            new RateLimit(60, 5)),
        CLOCK);
    // WHEN composed and sent
    Composition<SmsMessage> composed = composer.sms(notice, scheduled);
    SmsMessage message = ((Composition.Ready<SmsMessage>) composed).message();
    DeliveryResult result = Await.result(sms.send(message));
    // THEN
    assertThat(message.deliveryKey()).isEqualTo("INC-1/C-7/opened");
    assertThat(message.body()).contains("Срок исправления: сегодня в 18:00");
    assertThat(result).isEqualTo(new DeliveryResult.Sent("SM77"));
    twilio.verify(postRequestedFor(urlEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json"))
        .withRequestBody(containing("Body=Forewarn%3A+%D0%90%D0%BD%D0%BD%D0%B0")));
  }

  @Test
  void email_and_ticket_are_composed_in_their_own_languages() {
    IncidentNotice notice = russianNotice();
    OutreachPlan plan = new OutreachPlanner(CLOCK, PlannerConfig.defaults()).plan(notice, ContactHistory.NONE);
    // WHEN
    EmailMessage email = ((Composition.Ready<EmailMessage>) composer.email(notice, (Scheduled) plan.customer()))
        .message();
    TicketMessage.Create ticket = (TicketMessage.Create) ((Composition.Ready<TicketMessage>) composer.ticket(notice,
        plan.ticket(), null)).message();
    // THEN the customer reads Russian, operations read English (the configured ops language)
    assertThat(email.subject()).isEqualTo("SafeHome Hub 2: мы заметили неполадку и уже занимаемся ею");
    assertThat(email.html()).contains("<html lang=\"ru\">");
    assertThat(email.language()).isEqualTo(Locale.of("ru"));
    assertThat(ticket.subject()).startsWith("[critical] SafeHome Hub 2 SN-1");
    assertThat(ticket.priority()).isEqualTo(TicketPriority.URGENT);
    assertThat(ticket.deliveryKey()).isEqualTo("INC-1/ticket/opened");
    assertThat(ticket.tags()).containsExactly("device_problem", "severity_critical", "problem_battery_wearing_out");
  }

  @Test
  void comment_without_a_ticket_and_email_without_an_address_are_refused() {
    IncidentNotice notice = Notices.device().customer(new Customer("C-8", "Bob", "+447700900124", null,
        Notices.preferences(ZoneId.of("UTC"), null))).updated().build();
    Composition<TicketMessage> comment = composer.ticket(notice, new TicketStep(TicketStep.Action.COMMENT, "k"), null);
    Scheduled plan = (Scheduled) new OutreachPlanner(CLOCK, PlannerConfig.defaults()).plan(notice, ContactHistory.NONE)
        .customer();
    assertThat(((Composition.Failed<TicketMessage>) comment).reason()).contains("has no ticket yet");
    assertThat(((Composition.Failed<EmailMessage>) composer.email(notice, plan)).reason()).contains("no email address");
    assertThat(composer.ticket(notice, new TicketStep(TicketStep.Action.COMMENT, "k"), "35436"))
        .isInstanceOf(Composition.Ready.class);
  }
}
