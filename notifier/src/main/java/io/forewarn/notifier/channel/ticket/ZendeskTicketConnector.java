package io.forewarn.notifier.channel.ticket;

import io.forewarn.notifier.channel.Connector;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.Sent;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.channel.HttpOutcomes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zendesk Support tickets. Create: {@code POST /api/v2/tickets.json} with an
 * {@code Idempotency-Key} (the delivery key) and {@code external_id} = incident id, so a retry
 * after a timeout replays the first answer instead of opening a second ticket. Updates and the
 * close are internal comments via {@code PUT /api/v2/tickets/{id}.json} (the close also sets
 * {@code status: solved}). Auth: Basic {@code email/token:api_token}.
 *
 * <p>Retried: 408, 409 (Zendesk's concurrent-update conflict; with the idempotency key a repeat
 * create is safe), 429 honouring Retry-After, 5xx, network errors. Permanent: other 4xx, incl.
 * 400 IdempotentRequestError (same key, different content) and 422 (e.g. the 5,000-comment cap).
 */
public final class ZendeskTicketConnector implements Connector<TicketMessage> {
  private static final Logger LOG = LoggerFactory.getLogger(ZendeskTicketConnector.class);

  private final WebClient client;
  private final ZendeskConfig config;
  private final HttpOutcomes outcomes;

  public ZendeskTicketConnector(WebClient client, ZendeskConfig config, Clock clock) {
    this.client = client;
    this.config = config;
    this.outcomes = new HttpOutcomes(clock, config.defaultRetryAfter());
  }

  @Override
  public String name() {
    return "zendesk";
  }

  @Override
  public Future<DeliveryResult> send(TicketMessage message) {
    return switch (message) {
      case TicketMessage.Create create -> create(create);
      case TicketMessage.Comment comment -> update(comment, comment.ticketId(), comment.body(), false);
      case TicketMessage.Solve solve -> update(solve, solve.ticketId(), solve.body(), true);
    };
  }

  private Future<DeliveryResult> create(TicketMessage.Create create) {
    List<String> tags = new ArrayList<>(config.tags());
    create.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
    JsonObject ticket = new JsonObject()
        .put("subject", create.subject())
        .put("comment", new JsonObject().put("body", create.body()).put("public", false))
        .put("requester", new JsonObject().put("name", config.requesterName()).put("email", config.requesterEmail()))
        .put("external_id", create.incidentId())
        .put("priority", create.priority().apiValue())
        .put("tags", new JsonArray(tags));
    HttpRequest<Buffer> request = prepare(client.postAbs(config.apiUrl("/api/v2/tickets.json")))
        .putHeader("Idempotency-Key", create.deliveryKey());
    return outcomes.settle(request.sendJsonObject(new JsonObject().put("ticket", ticket)),
        response -> classify(response, create, null), context(create));
  }

  private Future<DeliveryResult> update(TicketMessage message, String ticketId, String body, boolean solve) {
    if (!ticketId.matches("\\d+")) {
      return Future.succeededFuture(new Permanent(FailureCode.REJECTED, "forewarn:bad-ticket-id",
          "Zendesk ticket ids are numbers, got '" + ticketId + "'"));
    }
    JsonObject ticket = new JsonObject().put("comment", new JsonObject().put("body", body).put("public", false));
    if (solve) {
      ticket.put("status", "solved");
    }
    return outcomes.settle(prepare(client.putAbs(config.apiUrl("/api/v2/tickets/" + ticketId + ".json")))
        .sendJsonObject(new JsonObject().put("ticket", ticket)),
        response -> classify(response, message, ticketId), context(message));
  }

  private HttpRequest<Buffer> prepare(HttpRequest<Buffer> request) {
    long timeoutMs = config.timeout().toMillis();
    return request.basicAuthentication(config.basicUser(), config.apiToken())
        .putHeader("Accept", "application/json")
        .connectTimeout(timeoutMs)
        .idleTimeout(timeoutMs);
  }

  /** @param knownTicketId the ticket being updated, or {@code null} for a create */
  private DeliveryResult classify(HttpResponse<Buffer> response, TicketMessage message, String knownTicketId) {
    int status = response.statusCode();
    JsonObject json = parse(response.body());
    if (status >= 200 && status < 300) {
      Object id = json != null && json.getValue("ticket") instanceof JsonObject t ? t.getValue("id") : null;
      if (id instanceof Number n) {
        LOG.debug("[incident: {}] Zendesk ticket {} ({} idempotency {})", message.incidentId(), n,
            message.getClass().getSimpleName(), response.getHeader("x-idempotency-lookup"));
        return new Sent(Long.toString(n.longValue()));
      }
      // A successful update changed a ticket we know; only a create needs the id from the reply.
      return knownTicketId != null ? new Sent(knownTicketId) : outcomes.malformedReply(status, "no ticket id");
    }
    String error = errorName(json);
    String detail = json != null && json.getValue("description") instanceof String d ? error + ": " + d : error;
    if (HttpOutcomes.retryable(status) || status == 409) {
      return outcomes.retryLater(status, response.getHeader("Retry-After"), detail);
    }
    FailureCode code = switch (status) {
      case 400 -> "IdempotentRequestError".equals(error) ? FailureCode.IDEMPOTENCY_CONFLICT : FailureCode.REJECTED;
      case 401, 403 -> FailureCode.AUTHENTICATION;
      case 404 -> FailureCode.NOT_FOUND;
      default -> FailureCode.REJECTED;
    };
    LOG.info("[incident: {}] Zendesk refused {} for good: {} {}", message.incidentId(),
        message.getClass().getSimpleName(), status, detail);
    return new Permanent(code, error.isEmpty() ? "http:" + status : "zendesk:" + error,
        "HTTP " + status + " " + detail);
  }

  private static String context(TicketMessage message) {
    return "[incident: " + message.incidentId() + "] Zendesk request";
  }

  /** Zendesk errors are {@code {"error":"Name",...}} or {@code {"error":{"title":...}}}. */
  private static String errorName(JsonObject json) {
    if (json == null) {
      return "";
    }
    Object error = json.getValue("error");
    if (error instanceof String s) {
      return s;
    }
    if (error instanceof JsonObject o && o.getValue("title") instanceof String title) {
      return title;
    }
    return "";
  }

  private static JsonObject parse(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return new JsonObject(body);
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
