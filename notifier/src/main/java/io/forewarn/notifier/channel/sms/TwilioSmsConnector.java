package io.forewarn.notifier.channel.sms;

import io.forewarn.notifier.channel.Connector;
import io.forewarn.notifier.channel.DeliveryResult;
import io.forewarn.notifier.channel.DeliveryResult.Permanent;
import io.forewarn.notifier.channel.DeliveryResult.Sent;
import io.forewarn.notifier.channel.FailureCode;
import io.forewarn.notifier.channel.HttpOutcomes;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, Basic auth; {@code 201} carries the message {@code sid}. Errors come as Twilio's
 * JSON error body ({@code code}, {@code message}, {@code more_info}, {@code status}).
 *
 * <p>Twilio has no idempotency key for message creation, so results that may hide a created
 * message (timeouts after sending, a garbled 201) are {@code RetryLater} with
 * {@code possiblyDelivered = true}: reconcile by the status callback before resending.
 */
public final class TwilioSmsConnector implements Connector<SmsMessage> {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsConnector.class);
  /** Twilio's limit for {@code Body}. */
  static final int MAX_BODY_CHARS = 1600;

  private final WebClient client;
  private final TwilioConfig config;
  private final HttpOutcomes outcomes;

  public TwilioSmsConnector(WebClient client, TwilioConfig config, Clock clock) {
    this.client = client;
    this.config = config;
    this.outcomes = new HttpOutcomes(clock, config.defaultRetryAfter());
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public Future<DeliveryResult> send(SmsMessage message) {
    if (message.body().length() > MAX_BODY_CHARS) {
      return Future.succeededFuture(new Permanent(FailureCode.REJECTED, "forewarn:body-too-long",
          "body has " + message.body().length() + " characters; Twilio takes at most " + MAX_BODY_CHARS));
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("To", message.to()).add("Body", message.body());
    if (config.from() != null) {
      form.add("From", config.from());
    } else {
      form.add("MessagingServiceSid", config.messagingServiceSid());
    }
    if (config.statusCallback() != null) {
      form.add("StatusCallback", config.statusCallback().toString());
    }
    long timeoutMs = config.timeout().toMillis();
    return outcomes.settle(client.postAbs(config.messagesUri().toString())
        .basicAuthentication(config.basicUser(), config.basicPassword())
        .putHeader("Accept", "application/json")
        .connectTimeout(timeoutMs)
        .idleTimeout(timeoutMs)
        .sendForm(form), response -> classify(response, message),
        "[delivery: " + message.deliveryKey() + "] Twilio request");
  }

  private DeliveryResult classify(HttpResponse<Buffer> response, SmsMessage message) {
    int status = response.statusCode();
    JsonObject json = parse(response.body());
    if (status >= 200 && status < 300) {
      String sid = json == null ? null : json.getValue("sid") instanceof String s ? s : null;
      if (sid == null || sid.isBlank()) {
        LOG.warn("[delivery: {}] Twilio answered {} without a message sid", message.deliveryKey(), status);
        return outcomes.malformedReply(status, "no 'sid' in the reply");
      }
      LOG.debug("[delivery: {}] Twilio accepted {} ({})", message.deliveryKey(), sid, json.getValue("status"));
      return new Sent(sid);
    }
    int code = json != null && json.getValue("code") instanceof Number n ? n.intValue() : 0;
    String text = json != null && json.getValue("message") instanceof String m ? m : "no error body";
    if (HttpOutcomes.retryable(status) || code == TwilioErrors.TOO_MANY_REQUESTS) {
      return outcomes.retryLater(status, response.getHeader("Retry-After"),
          (code == 0 ? "" : "Twilio " + code + ": ") + text);
    }
    FailureCode failure = TwilioErrors.forRest(code, status);
    LOG.info("[delivery: {}] Twilio refused the message for good: {} {} {}", message.deliveryKey(), status, code, text);
    return new Permanent(failure, code == 0 ? "http:" + status : "twilio:" + code, text);
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
