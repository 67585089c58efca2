package io.forewarn.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Twilio's Messages API (a third-party SaaS, so a fake is the right tool): {@code POST
 * .../Messages.json} records the message and answers 201 with a sid; {@code GET .../Messages.json?To=}
 * lists what was recorded for a number (the notifier's reconciliation after a crash or timeout).
 * Failure modes, switched while a broadcast runs: 429 with Retry-After, 500 (nothing recorded), and
 * a reply slower than the client's timeout for a message that <em>was</em> recorded — the case that
 * turns into a duplicate unless the sender reconciles.
 */
final class FakeTwilio implements AutoCloseable {
  enum Mode { OK, RATE_LIMITED, SERVER_ERROR, SLOW_AFTER_ACCEPT }

  record Message(String sid, String to, Instant created) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Message> messages = new ArrayList<>();
  private final AtomicLong sids = new AtomicLong();
  private final Map<Mode, AtomicLong> answered = new EnumMap<>(Mode.class);
  private final long slowMillis;
  private volatile Mode mode = Mode.OK;

  FakeTwilio(long slowMillis) {
    this.slowMillis = slowMillis;
    for (Mode m : Mode.values()) {
      answered.put(m, new AtomicLong());
    }
    server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  void mode(Mode mode) {
    this.mode = mode;
  }

  synchronized List<Message> messages() {
    return List.copyOf(messages);
  }

  long answered(Mode m) {
    return answered.get(m).get();
  }

  private void handle(HttpServerRequest req) {
    if (!req.path().endsWith("/Messages.json")) {
      reply(req, 404, new JsonObject().put("code", 20404).put("message", "not found"));
    } else if (req.method().name().equals("GET")) {
      reply(req, 200, list(req.getParam("To")));
    } else {
      req.setExpectMultipart(true);
      req.end().onComplete(done -> create(req, req.formAttributes()));
    }
  }

  private void create(HttpServerRequest req, MultiMap form) {
    Mode now = mode;
    answered.get(now).incrementAndGet();
    switch (now) {
      case RATE_LIMITED -> {
        req.response().putHeader("Retry-After", "1");
        reply(req, 429, new JsonObject().put("code", 20429).put("message", "Too Many Requests").put("status", 429));
      }
      case SERVER_ERROR -> reply(req, 500,
          new JsonObject().put("code", 20500).put("message", "Internal Server Error").put("status", 500));
      case OK, SLOW_AFTER_ACCEPT -> {
        Message m = record(form.get("To"));
        JsonObject body = new JsonObject().put("sid", m.sid()).put("to", m.to()).put("status", "queued");
        if (now == Mode.SLOW_AFTER_ACCEPT) {
          // Accepted and recorded, but the reply comes after the client gave up on it.
          vertx.setTimer(slowMillis, t -> reply(req, 201, body));
        } else {
          reply(req, 201, body);
        }
      }
    }
  }

  private synchronized Message record(String to) {
    Message m = new Message("SM" + String.format(Locale.ROOT, "%032d", sids.incrementAndGet()), to, Instant.now());
    messages.add(m);
    return m;
  }

  private synchronized JsonObject list(String to) {
    JsonArray found = new JsonArray();
    for (Message m : messages) {
      if (m.to().equals(to)) {
        found.add(new JsonObject().put("sid", m.sid()).put("to", m.to()).put("status", "sent").put("date_created",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(m.created().atZone(ZoneOffset.UTC))));
      }
    }
    return new JsonObject().put("messages", found);
  }

  private static void reply(HttpServerRequest req, int status, JsonObject json) {
    if (!req.response().closed()) {
      req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json.encode());
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
