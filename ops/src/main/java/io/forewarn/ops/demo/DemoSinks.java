package io.forewarn.ops.demo;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's stand-ins for the SMS provider and the helpdesk (only for {@code ./forewarn demo};
 * mail goes to a real SMTP server, GreenMail). It answers the notifier as Twilio's Messages API and
 * as a Standard Webhooks helpdesk would, appends every message to {@code sms.log} /
 * {@code tickets.log}, reports each SMS delivered through a signed status callback, and answers
 * feedback questions like a customer would (a signed inbound SMS with a score), so the demo shows
 * survey answers. {@code GET /messages} lists the last messages.
 */
public final class DemoSinks extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSinks.class);
  private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([A-Za-z0-9]+)/Messages\\.json");
  /** "Reply with a number from 1 (poor) to 5" / "Ответьте цифрой от 1 (...) до 5". */
  private static final Pattern SURVEY = Pattern.compile("(?:from|от) (\\d+)\\D.*?(?:to|до) (\\d+)", Pattern.DOTALL);
  private static final int KEPT = 200;
  private static final Duration REPLY_AFTER = Duration.ofSeconds(4);

  /** Where to listen and where the notifier's webhooks are. */
  public record Settings(int port, Path logDir, String authToken, String notifierUrl) {}

  private final Settings settings;
  private final Clock clock;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Random random = new Random(7);
  private final AtomicLong ids = new AtomicLong();
  private final Deque<JsonObject> recent = new ArrayDeque<>();

  public DemoSinks(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(this::handle)
        .listen(settings.port(), "127.0.0.1")
        .map(HttpServer::actualPort).onSuccess(p -> LOG.info("demo SMS and helpdesk sinks on 127.0.0.1:{}", p));
  }

  private void handle(HttpServerRequest req) {
    Matcher sms = MESSAGES.matcher(req.path());
    if (req.method().name().equals("POST") && sms.matches()) {
      req.setExpectMultipart(true);
      req.end().onComplete(x -> sms(req, sms.group(1), req.formAttributes()));
    } else if (req.method().name().equals("POST") && req.path().equals("/tickets")) {
      req.body().onComplete(b -> ticket(req, b.succeeded() ? b.result().toString() : "{}"));
    } else if (req.path().equals("/messages")) {
      JsonArray out;
      synchronized (recent) {
        out = new JsonArray(recent.stream().map(JsonObject::copy).toList());
      }
      req.response().putHeader("Content-Type", "application/json; charset=utf-8").end(out.encodePrettily());
    } else {
      req.response().setStatusCode(404).end();
    }
  }

  private void sms(HttpServerRequest req, String account, MultiMap form) {
    String sid = "SM" + String.format("%032d", ids.incrementAndGet());
    String to = form.get("To");
    String body = form.get("Body");
    keep(new JsonObject().put("kind", "sms").put("at", clock.instant().toString()).put("to", to).put("body", body));
    append("sms.log", clock.instant() + "  to " + to + "\n" + body + "\n\n");
    req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("sid", sid).put("status", "queued").put("to", to).encode());
    String callback = form.get("StatusCallback");
    if (callback != null) {
      vertx.setTimer(500,
          t -> post(callback, Map.of("MessageSid", sid, "AccountSid", account, "MessageStatus", "delivered",
              "To", to == null ? "" : to, "From", form.get("From") == null ? "" : form.get("From"))));
    }
    int[] scale = surveyScale(body);
    if (scale != null && to != null) {
      int low = scale[0];
      int high = scale[1];
      // Mostly content customers, some not: the KPI page then shows a real spread.
      int score = Math.max(low, high - (random.nextInt(10) < 7 ? random.nextInt(2) : random.nextInt(high - low + 1)));
      vertx.setTimer(REPLY_AFTER.toMillis(), t -> post(settings.notifierUrl() + "/twilio/inbound", Map.of("MessageSid",
          "SM" + String.format("%032d", ids.incrementAndGet()), "AccountSid", account, "From", to,
          "To", form.get("From") == null ? "" : form.get("From"), "Body", String.valueOf(score))));
    }
  }

  private void ticket(HttpServerRequest req, String body) {
    String id = "T-" + ids.incrementAndGet();
    JsonObject event;
    try {
      event = new JsonObject(body);
    } catch (RuntimeException e) {
      req.response().setStatusCode(400).end();
      return;
    }
    keep(new JsonObject().put("kind", "ticket").put("at", clock.instant().toString()).put("event", event));
    append("tickets.log",
        clock.instant() + "  " + event.getString("type", "?") + "\n" + event.encodePrettily() + "\n\n");
    req.response().setStatusCode(201).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("id", id).encode());
  }

  /** A form POST signed as Twilio signs its webhooks. */
  private void post(String url, Map<String, String> params) {
    StringBuilder form = new StringBuilder();
    new TreeMap<>(params).forEach((k, v) -> form.append(form.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String signature = twilioSignature(settings.authToken(), url, params);
    http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete((r, e) -> {
          if (e != null || r.statusCode() >= 300) {
            LOG.warn("demo webhook to {} answered {}", url, e != null ? e.toString() : r.statusCode());
          }
        });
  }

  /** Base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by name)). */
  static String twilioSignature(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }

  /** The answer scale a feedback question asks for, e.g. {1, 5}; null when the SMS asks nothing. */
  static int[] surveyScale(String body) {
    Matcher m = body == null ? null : SURVEY.matcher(body);
    return m != null && m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
  }

  private void keep(JsonObject message) {
    synchronized (recent) {
      recent.addFirst(message);
      while (recent.size() > KEPT) {
        recent.removeLast();
      }
    }
  }

  private void append(String file, String text) {
    vertx.executeBlocking(() -> Files.writeString(settings.logDir().resolve(file), text, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND), false)
        .onFailure(e -> LOG.warn("cannot write {}: {}", file, e.toString()));
  }
}
