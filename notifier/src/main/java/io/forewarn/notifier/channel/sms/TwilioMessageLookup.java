package io.forewarn.notifier.channel.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Asks Twilio whether a message we may have sent exists: {@code GET Messages.json?To=..&DateSent>=..}
 * lists our account's recent messages to the number. Twilio has no idempotency key on create,
 * so this is how a send interrupted by a crash or timeout is reconciled before any resend.
 */
public final class TwilioMessageLookup {
  /** Twilio's clock and ours differ a little; a message this much older than our claim still counts. */
  private static final long SKEW_SECONDS = 60;

  /** What Twilio says. */
  public sealed interface Lookup {
    record Found(String sid) implements Lookup {}

    record NotFound() implements Lookup {}

    record Unavailable(String reason) implements Lookup {}
  }

  private final WebClient client;
  private final TwilioConfig config;

  public TwilioMessageLookup(WebClient client, TwilioConfig config) {
    this.client = client;
    this.config = config;
  }

  /**
   * @param since when we marked the message 'sending'
   * @param knownSids sids already recorded for other deliveries (never claim one twice)
   */
  public Future<Lookup> find(String to, Instant since, Set<String> knownSids) {
    String day = DateTimeFormatter.ISO_LOCAL_DATE.format(since.minusSeconds(SKEW_SECONDS).atZone(ZoneOffset.UTC));
    long timeoutMs = config.timeout().toMillis();
    return client.getAbs(config.messagesUri().toString())
        .addQueryParam("To", to)
        .addQueryParam("DateSent>", day)
        .addQueryParam("PageSize", "50")
        .basicAuthentication(config.basicUser(), config.basicPassword())
        .putHeader("Accept", "application/json")
        .connectTimeout(timeoutMs)
        .idleTimeout(timeoutMs)
        .send()
        .map(response -> {
          if (response.statusCode() != 200) {
            return (Lookup) new Lookup.Unavailable("HTTP " + response.statusCode());
          }
          JsonArray messages;
          try {
            messages = response.bodyAsJsonObject().getJsonArray("messages");
          } catch (RuntimeException e) {
            return new Lookup.Unavailable("unreadable message list");
          }
          if (messages == null) {
            return new Lookup.Unavailable("no 'messages' in the reply");
          }
          for (int i = 0; i < messages.size(); i++) {
            JsonObject m = messages.getJsonObject(i);
            Instant created = parse(m.getString("date_created"));
            String sid = m.getString("sid");
            if (sid != null && to.equals(m.getString("to")) && !knownSids.contains(sid) && created != null
                && !created.isBefore(since.minusSeconds(SKEW_SECONDS))) {
              return new Lookup.Found(sid);
            }
          }
          return new Lookup.NotFound();
        })
        .otherwise(failure -> new Lookup.Unavailable(failure.toString()));
  }

  /** Twilio writes RFC 2822 dates ({@code Mon, 16 Aug 2010 03:45:01 +0000}). */
  private static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
