package io.forewarn.notifier.http;

import io.forewarn.notifier.channel.SignatureCheck;
import io.forewarn.notifier.channel.sms.TwilioSignatureValidator;
import io.forewarn.notifier.channel.ticket.ZendeskWebhookVerifier;
import io.forewarn.notifier.channel.webhook.StandardWebhook;
import io.forewarn.notifier.delivery.Blocking;
import io.forewarn.notifier.metrics.NotifierMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's HTTP side: Twilio status callbacks and inbound SMS (signed), the Zendesk webhook
 * (signed), {@code /health} and {@code /metrics}. Database work goes to workers.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpSettings settings;
  private final InboundStore store;
  private final Blocking blocking;
  private final NotifierMetrics metrics;
  private final Clock clock;
  private final SmsInbox inbox;
  private volatile int actualPort;

  public HttpVerticle(HttpSettings settings, InboundStore store, Blocking blocking, NotifierMetrics metrics,
      Clock clock) {
    this.settings = settings;
    this.store = store;
    this.blocking = blocking;
    this.metrics = metrics;
    this.clock = clock;
    this.inbox = new SmsInbox(store, blocking);
  }

  public int actualPort() {
    return actualPort;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    router.post("/twilio/status").handler(ctx -> twilio(ctx, false));
    router.post("/twilio/inbound").handler(ctx -> twilio(ctx, true));
    router.post("/zendesk/webhook").handler(this::zendesk);
    router.post("/helpdesk/webhook").handler(this::helpdesk);
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(router)
        .listen(settings.port())
        .map(HttpServer::actualPort)
        .onSuccess(port -> {
          actualPort = port;
          LOG.info("notifier HTTP on port {}", port);
        });
  }

  private void health(RoutingContext ctx) {
    blocking.call(store::healthy).onComplete(ar -> {
      boolean up = ar.succeeded() && ar.result();
      ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", up ? "UP" : "DOWN").encode());
    });
  }

  private void metrics(RoutingContext ctx) {
    if (metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
      ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(prometheus.scrape());
    } else {
      ctx.response().setStatusCode(404).end();
    }
  }

  private void twilio(RoutingContext ctx, boolean inbound) {
    if (settings.twilioAuthToken() == null) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    Map<String, List<String>> params = new HashMap<>();
    ctx.request().formAttributes()
        .forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    String url = settings.publicUrl() != null ? settings.publicUrl() + ctx.request().uri()
        : ctx.request().absoluteURI();
    SignatureCheck check = new TwilioSignatureValidator(settings.twilioAuthToken())
        .validateForm(url, params, ctx.request().getHeader("X-Twilio-Signature"));
    if (check != SignatureCheck.VALID) {
      LOG.warn("rejected a Twilio request to {}: signature {}", ctx.request().path(), check);
      ctx.response().setStatusCode(403).end();
      return;
    }
    Map<String, String> form = new HashMap<>();
    params.forEach((k, v) -> form.put(k, v.get(0)));
    Future<Void> work;
    try {
      work = inbound ? inbox.inbound(form) : inbox.status(form);
    } catch (IllegalArgumentException bad) {
      ctx.response().setStatusCode(400).end(bad.getMessage());
      return;
    }
    work.onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("Twilio callback not stored (Twilio will retry): {}", ar.cause().toString());
        ctx.response().setStatusCode(500).end();
      } else if (inbound) {
        ctx.response().putHeader("Content-Type", "text/xml").end("<Response/>");
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
  }

  private void zendesk(RoutingContext ctx) {
    if (settings.zendeskWebhookSecret() == null) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    SignatureCheck check = new ZendeskWebhookVerifier(settings.zendeskWebhookSecret(), clock, Duration.ofMinutes(5))
        .verify(ctx.request().getHeader("X-Zendesk-Webhook-Signature"),
            ctx.request().getHeader("X-Zendesk-Webhook-Signature-Timestamp"), raw);
    if (check != SignatureCheck.VALID) {
      LOG.warn("rejected a Zendesk webhook: signature {}", check);
      ctx.response().setStatusCode(403).end();
      return;
    }
    JsonObject body;
    try {
      body = new JsonObject(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      ctx.response().setStatusCode(400).end("JSON body expected");
      return;
    }
    String ticketId = body.getValue("ticket_id") == null ? null : String.valueOf(body.getValue("ticket_id"));
    String status = body.getString("status", "");
    String by = body.getString("updated_by", "");
    if (ticketId == null || !"solved".equalsIgnoreCase(status) || by.isEmpty()
        || by.equalsIgnoreCase(settings.zendeskApiUser())) {
      // Our own close (the API user) or not a solve: nothing for the rules stage.
      ctx.response().setStatusCode(204).end();
      return;
    }
    blocking.call(() -> store.ticketSolvedByPerson(ticketId, by)).onComplete(ar -> ctx.response()
        .setStatusCode(ar.succeeded() ? 204 : 500).end());
  }

  /**
   * A generic helpdesk (the Standard Webhooks connector's counterpart) reports a ticket solved by a
   * person: {@code {"type":"ticket.solved","data":{"ticket_id":…,"solved_by":…}}}, signed with the
   * same {@code whsec_} secret and headers we sign our calls with.
   */
  private void helpdesk(RoutingContext ctx) {
    if (settings.helpdeskWebhookSecret() == null) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    SignatureCheck check = new StandardWebhook(settings.helpdeskWebhookSecret())
        .verify(ctx.request().getHeader(StandardWebhook.ID),
            ctx.request().getHeader(StandardWebhook.TIMESTAMP),
            ctx.request().getHeader(StandardWebhook.SIGNATURE), raw, clock,
            Duration.ofMinutes(5));
    if (check != SignatureCheck.VALID) {
      LOG.warn("rejected a helpdesk webhook: signature {}", check);
      ctx.response().setStatusCode(403).end();
      return;
    }
    JsonObject data;
    String type;
    try {
      JsonObject body = new JsonObject(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
      type = body.getString("type", "");
      data = body.getJsonObject("data", new JsonObject());
    } catch (RuntimeException e) {
      ctx.response().setStatusCode(400).end("JSON body {\"type\":…,\"data\":{…}} expected");
      return;
    }
    Object ticket = data.getValue("ticket_id");
    String by = data.getValue("solved_by") instanceof String s ? s.strip() : "";
    if (!"ticket.solved".equals(type)) {
      ctx.response().setStatusCode(204).end();
      return;
    }
    if (ticket == null || by.isEmpty()) {
      ctx.response().setStatusCode(400).end("ticket.solved needs data.ticket_id and data.solved_by");
      return;
    }
    blocking.call(() -> store.ticketSolvedByPerson(String.valueOf(ticket), by)).onComplete(ar -> ctx.response()
        .setStatusCode(ar.succeeded() ? 204 : 500).end());
  }
}
