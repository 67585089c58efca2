package io.forewarn.notifier.channel.webhook;

import io.forewarn.notifier.channel.Connector;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.Sent;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.channel.HttpOutcomes;
import io.forewarn.notifier.channel.ticket.TicketMessage;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket events for helpdesks without a dedicated connector, as Standard Webhooks: a JSON POST
 * {@code {"type":"ticket.open|comment|solve","timestamp":...,"data":{...}}} with
 * {@code webhook-id} = the delivery key (identical on retries, so the receiver can deduplicate),
 * {@code webhook-timestamp} and {@code webhook-signature}. A 2xx reply is success; if its JSON
 * has {@code id} or {@code ticket_id}, that becomes the provider id, else the webhook id does.
 * 410 Gone means the endpoint was retired: permanent, never retried.
 */
public final class WebhookTicketConnector implements Connector<TicketMessage> {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookTicketConnector.class);

  private final WebClient client;
  private final WebhookConfig config;
  private final StandardWebhook signer;
  private final Clock clock;
  private final HttpOutcomes outcomes;

  public WebhookTicketConnector(WebClient client, WebhookConfig config, Clock clock) {
    this.client = client;
    this.config = config;
    this.signer = new StandardWebhook(config.secret());
    this.clock = clock;
    this.outcomes = new HttpOutcomes(clock, config.defaultRetryAfter());
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Future<DeliveryResult> send(TicketMessage message) {
    long now = clock.instant().getEpochSecond();
    Buffer body = new JsonObject()
        .put("type", type(message))
        .put("timestamp", clock.instant().toString())
        .put("data", data(message))
        .toBuffer();
    long timeoutMs = config.timeout().toMillis();
    return outcomes.settle(client.postAbs(config.url().toString())
        .putHeader("Content-Type", "application/json")
        .putHeader(StandardWebhook.ID, message.deliveryKey())
        .putHeader(StandardWebhook.TIMESTAMP, Long.toString(now))
        .putHeader(StandardWebhook.SIGNATURE, signer.sign(message.deliveryKey(), now, body.getBytes()))
        .connectTimeout(timeoutMs)
        .idleTimeout(timeoutMs)
        .sendBuffer(body), response -> classify(response, message),
        "[incident: " + message.incidentId() + "] webhook");
  }

  private DeliveryResult classify(HttpResponse<Buffer> response, TicketMessage message) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Sent(providerId(response.body()).orElse(message.deliveryKey()));
    }
    if (HttpOutcomes.retryable(status)) {
      return outcomes.retryLater(status, response.getHeader("Retry-After"), "webhook receiver");
    }
    FailureCode code = switch (status) {
      case 401, 403 -> FailureCode.AUTHENTICATION;
      case 404, 410 -> FailureCode.NOT_FOUND;
      default -> FailureCode.REJECTED;
    };
    LOG.info("[incident: {}] webhook receiver refused {} for good: HTTP {}", message.incidentId(), type(message),
        status);
    return new Permanent(code, "http:" + status, "webhook receiver answered HTTP " + status);
  }

  private static String type(TicketMessage message) {
    return switch (message) {
      case TicketMessage.Create c -> "ticket.open";
      case TicketMessage.Comment c -> "ticket.comment";
      case TicketMessage.Solve s -> "ticket.solve";
    };
  }

  private static JsonObject data(TicketMessage message) {
    JsonObject data = new JsonObject().put("incident_id", message.incidentId());
    switch (message) {
      case TicketMessage.Create c -> data.put("subject", c.subject()).put("body", c.body())
          .put("priority", c.priority().apiValue()).put("tags", new JsonArray(c.tags()));
      case TicketMessage.Comment c -> data.put("ticket_id", c.ticketId()).put("body", c.body());
      case TicketMessage.Solve s -> data.put("ticket_id", s.ticketId()).put("body", s.body()).put("status", "solved");
    }
    return data;
  }

  private static Optional<String> providerId(Buffer body) {
    if (body == null || body.length() == 0) {
      return Optional.empty();
    }
    try {
      JsonObject json = new JsonObject(body);
      Object id = json.getValue("ticket_id") != null ? json.getValue("ticket_id") : json.getValue("id");
      return id == null ? Optional.empty() : Optional.of(id.toString());
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }
}
