package io.forewarn.rules.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/** {@code GET /health}: 200 while cycles succeed, else 503. {@code GET /metrics}: Prometheus text. */
final class HealthVerticle extends VerticleBase {
  private final PrometheusMeterRegistry registry;
  private final BooleanSupplier healthy;
  private final int port;
  private HttpServer server;

  HealthVerticle(PrometheusMeterRegistry registry, BooleanSupplier healthy, int port) {
    this.registry = registry;
    this.healthy = healthy;
    this.port = port;
  }

  int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port).onSuccess(s -> server = s);
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/health" -> {
        boolean up = healthy.getAsBoolean();
        request.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json")
            .end("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}");
      }
      case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape());
      default -> request.response().setStatusCode(404).end();
    }
  }
}
