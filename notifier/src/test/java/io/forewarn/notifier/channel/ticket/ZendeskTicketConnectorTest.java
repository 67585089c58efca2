package io.forewarn.notifier.channel.ticket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.forewarn.notifier.channel.Await;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.RetryLater;
import io.forewarn.notifier.channel.DeliveryResult.Sent;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.channel.RateLimit;
import io.vertx.core.Vertx;
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

/** Zendesk's ticket API as a WireMock fake, with its idempotency behaviour and faults. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ZendeskTicketConnectorTest {
  /** Generous for a loaded 2-core CI machine; the timeout cases use a reply slower than this. */
  private static final long CLIENT_TIMEOUT_MS = 2_000;
  private static final int SLOWER_THAN_TIMEOUT_MS = 4_000;

  static final String TICKETS = "/api/v2/tickets.json";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-10T12:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension zendesk = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ZendeskTicketConnector connector;
  private final TicketMessage.Create create = new TicketMessage.Create("INC-1/ticket/opened", "INC-1",
      "[high] SafeHome Hub 2 SN-1: battery_wearing_out", "Forewarn found a problem...", TicketPriority.HIGH,
      List.of("device_problem"));

  @BeforeEach
  void setUp(Vertx vertx) {
    ZendeskConfig config = new ZendeskConfig(URI.create(zendesk.baseUrl()), "agent@acme.example", "api-token",
        "Forewarn", "forewarn@ops.acme.example", List.of("forewarn"), null, Duration.ofMillis(CLIENT_TIMEOUT_MS),
        Duration.ofSeconds(3), new RateLimit(400, 20));
    connector = new ZendeskTicketConnector(WebClient.create(vertx), config, CLOCK);
  }

  static ResponseDefinitionBuilder created(long id, String lookup) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withHeader("x-idempotency-lookup", lookup)
        .withBody("{\"ticket\":{\"id\":" + id + ",\"external_id\":\"INC-1\",\"status\":\"new\"}}");
  }

  static ResponseDefinitionBuilder error(int status, String name, String description) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"" + name + "\",\"description\":\"" + description + "\"}");
  }

  @Test
  void creates_the_ticket_with_idempotency_key_and_external_id() throws Exception {
    // GIVEN
    zendesk.stubFor(post(urlEqualTo(TICKETS)).willReturn(created(35436, "miss")));
    // WHEN
    DeliveryResult result = Await.result(connector.send(create));
    // THEN
    assertThat(result).isEqualTo(new Sent("35436"));
    zendesk.verify(postRequestedFor(urlEqualTo(TICKETS))
        .withBasicAuth(new BasicCredentials("agent@acme.example/token", "api-token"))
        .withHeader("Idempotency-Key", equalTo("INC-1/ticket/opened"))
        .withRequestBody(matchingJsonPath("$.ticket.external_id", equalTo("INC-1")))
        .withRequestBody(matchingJsonPath("$.ticket.subject", equalTo(create.subject())))
        .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("Forewarn found a problem...")))
        .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("false")))
        .withRequestBody(matchingJsonPath("$.ticket.priority", equalTo("high")))
        .withRequestBody(matchingJsonPath("$.ticket.requester.email", equalTo("forewarn@ops.acme.example")))
        .withRequestBody(matchingJsonPath("$.ticket.tags[0]", equalTo("forewarn")))
        .withRequestBody(matchingJsonPath("$.ticket.tags[1]", equalTo("device_problem"))));
  }

  @Test
  void retry_after_a_timeout_replays_the_first_ticket_instead_of_making_a_second() throws Exception {
    // GIVEN Zendesk creates the ticket but answers too late; a replay with the key is a "hit"
    zendesk.stubFor(post(urlEqualTo(TICKETS)).inScenario("idempotency").whenScenarioStateIs(STARTED)
        .withHeader("Idempotency-Key", equalTo("INC-1/ticket/opened"))
        .willReturn(created(35436, "miss").withFixedDelay(SLOWER_THAN_TIMEOUT_MS)).willSetStateTo("created"));
    zendesk.stubFor(post(urlEqualTo(TICKETS)).inScenario("idempotency").whenScenarioStateIs("created")
        .withHeader("Idempotency-Key", equalTo("INC-1/ticket/opened"))
        .willReturn(created(35436, "hit")));
    // WHEN we send, time out, and retry
    DeliveryResult first = Await.result(connector.send(create));
    DeliveryResult second = Await.result(connector.send(create));
    // THEN one ticket, known after the retry
    assertThat(first).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) first).possiblyDelivered()).isTrue();
    assertThat(second).isEqualTo(new Sent("35436"));
    zendesk.verify(2,
        postRequestedFor(urlEqualTo(TICKETS)).withHeader("Idempotency-Key", equalTo("INC-1/ticket/opened")));
  }

  @Test
  void same_key_with_different_content_is_a_permanent_conflict() throws Exception {
    // GIVEN the key was used for a ticket with another subject
    zendesk.stubFor(
        post(urlEqualTo(TICKETS)).withRequestBody(matchingJsonPath("$.ticket.subject", equalTo(create.subject())))
            .willReturn(created(35436, "miss")));
    zendesk.stubFor(post(urlEqualTo(TICKETS)).withRequestBody(matchingJsonPath("$.ticket.subject", equalTo("changed")))
        .willReturn(error(400, "IdempotentRequestError", "Request parameters do not match the original request")));
    TicketMessage.Create changed = new TicketMessage.Create(create.deliveryKey(), "INC-1", "changed", "x",
        TicketPriority.HIGH, List.of());
    // WHEN
    Await.result(connector.send(create));
    DeliveryResult result = Await.result(connector.send(changed));
    // THEN
    assertThat(result).isEqualTo(new Permanent(FailureCode.IDEMPOTENCY_CONFLICT, "zendesk:IdempotentRequestError",
        "HTTP 400 IdempotentRequestError: Request parameters do not match the original request"));
  }

  @Test
  void rate_limit_honours_retry_after() throws Exception {
    zendesk.stubFor(post(urlEqualTo(TICKETS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")
        .withHeader("X-Rate-Limit", "700").withHeader("X-Rate-Limit-Remaining", "0")));
    RetryLater result = (RetryLater) Await.result(connector.send(create));
    assertThat(result.after()).isEqualTo(Duration.ofSeconds(12));
    assertThat(result.possiblyDelivered()).isFalse();
  }

  @Test
  void server_errors_and_conflicts_are_retried() throws Exception {
    zendesk.stubFor(post(urlEqualTo(TICKETS)).willReturn(aResponse().withStatus(503)));
    assertThat(((RetryLater) Await.result(connector.send(create))).after()).isEqualTo(Duration.ofSeconds(3));
    zendesk.resetAll();
    zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(aResponse().withStatus(409)));
    assertThat(
        ((RetryLater) Await.result(connector.send(new TicketMessage.Comment("k", "INC-1", "35436", "x")))).reason())
        .startsWith("HTTP 409");
  }

  @Test
  void garbled_create_reply_is_retried_because_the_id_is_unknown() throws Exception {
    zendesk.stubFor(post(urlEqualTo(TICKETS)).willReturn(aResponse().withStatus(201).withBody("<html>proxy</html>")));
    RetryLater result = (RetryLater) Await.result(connector.send(create));
    assertThat(result.possiblyDelivered()).isTrue();
  }

  @Test
  void connection_reset_is_retried() throws Exception {
    zendesk.stubFor(post(urlEqualTo(TICKETS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    assertThat(((RetryLater) Await.result(connector.send(create))).reason()).startsWith("no reply");
  }

  @Test
  void update_is_an_internal_comment() throws Exception {
    zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json"))
        .willReturn(aResponse().withStatus(200).withBody("{\"ticket\":{\"id\":35436,\"status\":\"open\"}}")));
    DeliveryResult result = Await.result(connector.send(new TicketMessage.Comment("k", "INC-1", "35436", "ETA moved")));
    assertThat(result).isEqualTo(new Sent("35436"));
    zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
        .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("ETA moved")))
        .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("false")))
        .withRequestBody(notContaining("\"status\"")));
  }

  @Test
  void resolve_solves_the_ticket_with_a_closing_comment() throws Exception {
    zendesk.stubFor(
        put(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(aResponse().withStatus(200).withBody("not json")));
    DeliveryResult result = Await.result(connector.send(new TicketMessage.Solve("k", "INC-1", "35436", "Resolved")));
    // THEN a successful update of a known ticket counts even if the reply is unreadable
    assertThat(result).isEqualTo(new Sent("35436"));
    zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
        .withRequestBody(matchingJsonPath("$.ticket.status", equalTo("solved")))
        .withRequestBody(matchingJsonPath("$.ticket.comment.body", equalTo("Resolved"))));
  }

  @Test
  void client_errors_are_permanent_by_kind() throws Exception {
    zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/1.json")).willReturn(error(404, "RecordNotFound", "Not found")));
    zendesk.stubFor(
        put(urlEqualTo("/api/v2/tickets/2.json")).willReturn(error(422, "RecordInvalid", "Too many comments")));
    zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/3.json")).willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":\"Couldn't authenticate you\"}")));
    assertThat(((Permanent) Await.result(connector.send(new TicketMessage.Comment("k", "I", "1", "x")))).code())
        .isEqualTo(FailureCode.NOT_FOUND);
    Permanent invalid = (Permanent) Await.result(connector.send(new TicketMessage.Comment("k", "I", "2", "x")));
    assertThat(invalid.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(invalid.providerCode()).isEqualTo("zendesk:RecordInvalid");
    assertThat(((Permanent) Await.result(connector.send(new TicketMessage.Comment("k", "I", "3", "x")))).code())
        .isEqualTo(FailureCode.AUTHENTICATION);
  }

  @Test
  void ticket_id_that_is_not_a_number_is_refused_without_a_call() throws Exception {
    Permanent result = (Permanent) Await.result(connector.send(new TicketMessage.Solve("k", "I", "../users", "x")));
    assertThat(result.providerCode()).isEqualTo("forewarn:bad-ticket-id");
    assertThat(zendesk.getAllServeEvents()).isEmpty();
  }
}
