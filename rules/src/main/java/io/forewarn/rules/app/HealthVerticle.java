package io.forewarn.rules.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 while cycles succeed, else 503, with the version of the rules judging now.
 * {@code GET /metrics}: Prometheus text.
 */
final class HealthVerticle extends VerticleBase {
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier healthy;
  private final Supplier<String> rulesVersion;
  private final int port;
  private HttpServer server;

  HealthVerticle(PrometheusMeterRegistry registry, BooleanSupplier healthy, Supplier<String> rulesVersion, int port) {
    this.registry = registry;
    this.healthy = healthy;
    this.rulesVersion = rulesVersion;
    this.port = port;
  }

  int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(this::handle)
        .listen(port).onSuccess(s -> server = s);
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/health" -> {
        boolean up = healthy.getAsBoolean();
        request.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json")
            .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("rules_version", rulesVersion.get()).encode());
      }
      case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape());
      default -> request.response().setStatusCode(404).end();
    }
  }
}
