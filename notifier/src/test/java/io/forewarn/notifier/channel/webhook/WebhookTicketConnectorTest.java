package io.forewarn.notifier.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.forewarn.notifier.channel.Await;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.RetryLater;
import io.forewarn.notifier.channel.DeliveryResult.Sent;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.channel.RateLimit;
import io.forewarn.notifier.channel.SignatureCheck;
import io.forewarn.notifier.channel.ticket.TicketMessage;
import io.forewarn.notifier.channel.ticket.TicketPriority;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A helpdesk receiving Standard Webhooks, faked with WireMock. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookTicketConnectorTest {
  /** Generous for a loaded 2-core CI machine; the timeout cases use a reply slower than this. */
  private static final long CLIENT_TIMEOUT_MS = 2_000;
  private static final int SLOWER_THAN_TIMEOUT_MS = 4_000;

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-10T12:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension helpdesk = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private WebhookTicketConnector connector;
  private final TicketMessage.Create create = new TicketMessage.Create("INC-1/ticket/opened", "INC-1", "Subject",
      "Body", TicketPriority.URGENT, List.of("service_disruption"));

  @BeforeEach
  void setUp(Vertx vertx) {
    WebhookConfig config = new WebhookConfig(URI.create(helpdesk.baseUrl() + "/hooks/forewarn"), SECRET,
        Duration.ofMillis(CLIENT_TIMEOUT_MS), Duration.ofSeconds(5), new RateLimit(600, 20));
    connector = new WebhookTicketConnector(WebClient.create(vertx), config, CLOCK);
  }

  @Test
  void posts_a_signed_event_the_receiver_can_verify() throws Exception {
    // GIVEN the helpdesk answers with its own ticket id
    helpdesk.stubFor(post(urlEqualTo("/hooks/forewarn")).willReturn(aResponse().withStatus(202)
        .withBody("{\"ticket_id\":\"HD-77\"}")));
    // WHEN
    DeliveryResult result = Await.result(connector.send(create));
    // THEN
    assertThat(result).isEqualTo(new Sent("HD-77"));
    LoggedRequest request = helpdesk.getAllServeEvents().get(0).getRequest();
    assertThat(request.getHeader("webhook-id")).isEqualTo("INC-1/ticket/opened");
    assertThat(request.getHeader("webhook-timestamp")).isEqualTo("1749556800");
    assertThat(
        new StandardWebhook(SECRET).verify(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
            request.getHeader("webhook-signature"), request.getBody(), CLOCK, Duration.ofMinutes(5)))
        .isEqualTo(SignatureCheck.VALID);
    JsonObject event = new JsonObject(request.getBodyAsString());
    assertThat(event.getString("type")).isEqualTo("ticket.open");
    assertThat(event.getJsonObject("data").getString("incident_id")).isEqualTo("INC-1");
    assertThat(event.getJsonObject("data").getString("priority")).isEqualTo("urgent");
  }

  @Test
  void retries_carry_the_same_webhook_id_and_empty_replies_use_it_as_provider_id() throws Exception {
    helpdesk.stubFor(post(urlEqualTo("/hooks/forewarn")).willReturn(aResponse().withStatus(204)));
    TicketMessage.Solve solve = new TicketMessage.Solve("INC-1/ticket/resolved", "INC-1", "HD-77", "Done");
    assertThat(Await.result(connector.send(solve))).isEqualTo(new Sent("INC-1/ticket/resolved"));
    Await.result(connector.send(solve));
    assertThat(helpdesk.getAllServeEvents()).extracting(e -> e.getRequest().getHeader("webhook-id"))
        .containsExactly("INC-1/ticket/resolved", "INC-1/ticket/resolved");
    assertThat(new JsonObject(helpdesk.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .getJsonObject("data").getString("status")).isEqualTo("solved");
  }

  @Test
  void gone_endpoint_is_permanent_and_overload_is_retried() throws Exception {
    helpdesk.stubFor(post(urlEqualTo("/hooks/forewarn")).willReturn(aResponse().withStatus(410)));
    assertThat(Await.result(connector.send(create)))
        .isEqualTo(new Permanent(FailureCode.NOT_FOUND, "http:410", "webhook receiver answered HTTP 410"));
    helpdesk.resetAll();
    helpdesk.stubFor(
        post(urlEqualTo("/hooks/forewarn")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")));
    assertThat(((RetryLater) Await.result(connector.send(create))).after()).isEqualTo(Duration.ofSeconds(20));
    helpdesk.resetAll();
    helpdesk.stubFor(post(urlEqualTo("/hooks/forewarn")).willReturn(aResponse().withStatus(502)));
    assertThat(((RetryLater) Await.result(connector.send(create))).after()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void slow_or_broken_receiver_is_retried() throws Exception {
    helpdesk.stubFor(post(urlEqualTo("/hooks/forewarn"))
        .willReturn(aResponse().withStatus(200).withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
    assertThat(((RetryLater) Await.result(connector.send(create))).possiblyDelivered()).isTrue();
    helpdesk.resetAll();
    helpdesk.stubFor(post(urlEqualTo("/hooks/forewarn")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    assertThat(((RetryLater) Await.result(connector.send(create))).reason()).startsWith("no reply");
  }
}
