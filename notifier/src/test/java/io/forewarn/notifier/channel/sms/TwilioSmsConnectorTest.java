package io.forewarn.notifier.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
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
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Twilio's Messages API as a WireMock fake on a loopback port, faults included. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TwilioSmsConnectorTest {
  /** Generous for a loaded 2-core CI machine; the timeout cases use a reply slower than this. */
  private static final long CLIENT_TIMEOUT_MS = 2_000;
  private static final int SLOWER_THAN_TIMEOUT_MS = 4_000;

  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-10T12:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private WebClient client;
  private TwilioSmsConnector connector;
  private final SmsMessage message = new SmsMessage("INC-1/C-1/opened", "+447700900123", "Forewarn: we are on it.");

  static TwilioConfig config(String base, String from, String service) {
    return new TwilioConfig(URI.create(base), ACCOUNT, "auth-token", "SK0123", "key-secret", from, service,
        URI.create("https://hooks.example.com/twilio/status"), Duration.ofMillis(CLIENT_TIMEOUT_MS),
        Duration.ofSeconds(2),
        new RateLimit(60, 5));
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    client = WebClient.create(vertx);
    connector = new TwilioSmsConnector(client, config(twilio.baseUrl(), "+15005550006", null), CLOCK);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder twilioError(int status, int code,
      String text) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(
            "{\"code\":" + code + ",\"message\":\"" + text + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}");
  }

  @Test
  void accepted_message_returns_its_sid() throws Exception {
    // GIVEN Twilio answers 201 with the created message
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\",\"num_segments\":\"1\","
            + "\"error_code\":null,\"error_message\":null}")));
    // WHEN
    DeliveryResult result = Await.result(connector.send(message));
    // THEN the sid comes back, and the request followed the contract
    assertThat(result).isEqualTo(new Sent("SM1f0e8ae6ade43cb3c0ce4525424e404f"));
    twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
        .withBasicAuth(new BasicCredentials("SK0123", "key-secret"))
        .withHeader("Content-Type",
            com.github.tomakehurst.wiremock.client.WireMock.containing("application/x-www-form-urlencoded"))
        .withFormParam("To", equalTo("+447700900123"))
        .withFormParam("From", equalTo("+15005550006"))
        .withFormParam("Body", equalTo("Forewarn: we are on it."))
        .withFormParam("StatusCallback", equalTo("https://hooks.example.com/twilio/status")));
  }

  @Test
  void messaging_service_replaces_the_sender_number() throws Exception {
    TwilioSmsConnector viaService = new TwilioSmsConnector(client, config(twilio.baseUrl(), null, "MG0123"), CLOCK);
    twilio.stubFor(post(urlEqualTo(PATH))
        .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM2\",\"status\":\"accepted\"}")));
    assertThat(Await.result(viaService.send(message))).isEqualTo(new Sent("SM2"));
    twilio.verify(postRequestedFor(urlEqualTo(PATH)).withFormParam("MessagingServiceSid", equalTo("MG0123"))
        .withFormParam("From", absent()));
  }

  @Test
  void invalid_number_is_permanent() throws Exception {
    twilio.stubFor(
        post(urlEqualTo(PATH)).willReturn(twilioError(400, 21211, "The 'To' number is not a valid phone number.")));
    DeliveryResult result = Await.result(connector.send(message));
    assertThat(result).isEqualTo(new Permanent(FailureCode.INVALID_RECIPIENT, "twilio:21211",
        "The 'To' number is not a valid phone number."));
  }

  @Test
  void opted_out_recipient_is_permanent_and_says_so() throws Exception {
    twilio.stubFor(
        post(urlEqualTo(PATH)).willReturn(twilioError(400, 21610, "Attempt to send to unsubscribed recipient")));
    Permanent result = (Permanent) Await.result(connector.send(message));
    assertThat(result.code()).isEqualTo(FailureCode.RECIPIENT_OPTED_OUT);
    assertThat(result.providerCode()).isEqualTo("twilio:21610");
  }

  @Test
  void refused_credentials_are_permanent() throws Exception {
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(twilioError(401, 20003, "Authenticate")));
    assertThat(((Permanent) Await.result(connector.send(message))).code()).isEqualTo(FailureCode.AUTHENTICATION);
  }

  @Test
  void too_many_requests_honours_retry_after() throws Exception {
    // GIVEN Twilio's concurrency limit
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(twilioError(429, 20429, "Too Many Requests")
        .withHeader("Retry-After", "7")));
    // WHEN
    RetryLater result = (RetryLater) Await.result(connector.send(message));
    // THEN wait 7 s; the request was never processed
    assertThat(result.after()).isEqualTo(Duration.ofSeconds(7));
    assertThat(result.possiblyDelivered()).isFalse();
    assertThat(result.reason()).contains("Twilio 20429");
  }

  @Test
  void server_error_is_retried_after_the_default_delay() throws Exception {
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("oops")));
    RetryLater result = (RetryLater) Await.result(connector.send(message));
    assertThat(result.after()).isEqualTo(Duration.ofSeconds(2));
    assertThat(result.reason()).startsWith("HTTP 500");
  }

  @Test
  void reply_slower_than_the_timeout_is_retried_as_possibly_delivered() throws Exception {
    // GIVEN Twilio takes 1.5 s, our timeout is 0.4 s
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SM3\"}")
        .withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
    // WHEN
    RetryLater result = (RetryLater) Await.result(connector.send(message));
    // THEN
    assertThat(result.possiblyDelivered()).isTrue();
    assertThat(result.reason()).startsWith("no reply");
  }

  @Test
  void garbled_success_reply_is_retried_as_possibly_delivered() throws Exception {
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withBody("{\"sid\": \"SM4")));
    RetryLater result = (RetryLater) Await.result(connector.send(message));
    assertThat(result.possiblyDelivered()).isTrue();
    assertThat(result.reason()).contains("unreadable reply");
  }

  @Test
  void success_without_a_sid_is_not_taken_as_sent() throws Exception {
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201).withBody("{\"status\":\"queued\"}")));
    assertThat(Await.result(connector.send(message))).isInstanceOf(RetryLater.class);
  }

  @Test
  void connection_reset_is_retried() throws Exception {
    twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    RetryLater result = (RetryLater) Await.result(connector.send(message));
    assertThat(result.reason()).startsWith("no reply");
    assertThat(result.possiblyDelivered()).isTrue();
  }

  @Test
  void refused_connection_is_retried_as_not_delivered() throws Exception {
    // GIVEN a port nobody listens on
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TwilioSmsConnector nowhere = new TwilioSmsConnector(client, config("http://127.0.0.1:" + closedPort, "+15005550006",
        null), CLOCK);
    // WHEN
    RetryLater result = (RetryLater) Await.result(nowhere.send(message));
    // THEN
    assertThat(result.possiblyDelivered()).isFalse();
  }

  @Test
  void body_over_twilios_limit_is_refused_without_a_call() throws Exception {
    SmsMessage huge = new SmsMessage("k", "+447700900123", "x".repeat(1601));
    Permanent result = (Permanent) Await.result(connector.send(huge));
    assertThat(result.providerCode()).isEqualTo("forewarn:body-too-long");
    assertThat(twilio.getAllServeEvents()).isEmpty();
  }
}
