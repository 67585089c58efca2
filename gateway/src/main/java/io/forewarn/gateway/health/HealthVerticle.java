package io.forewarn.gateway.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: 200 when every check passes (ready), else 503 with which one failed.
 * {@code GET /health/live}: 200 while the process runs. {@code GET /metrics}: Prometheus text.
 */
public final class HealthVerticle extends VerticleBase {
  /** A named readiness check, e.g. "broker" → connected. */
  public record Check(String name, BooleanSupplier healthy) {}

  private final PrometheusMeterRegistry registry;
  private final List<Check> checks;
  private final String host;
  private final int port;
  private HttpServer server;

  public HealthVerticle(PrometheusMeterRegistry registry, List<Check> checks, String host, int port) {
    this.registry = registry;
    this.checks = List.copyOf(checks);
    this.host = host;
    this.port = port;
  }

  /** The bound port (useful when configured as 0). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(this::handle)
        .listen(port, host).onSuccess(s -> server = s);
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/health" -> {
        JsonObject body = new JsonObject();
        boolean up = true;
        for (Check check : checks) {
          boolean ok = check.healthy().getAsBoolean();
          body.put(check.name(), ok ? "UP" : "DOWN");
          up &= ok;
        }
        body.put("status", up ? "UP" : "DOWN");
        request.response().setStatusCode(up ? 200 : 503).putHeader("content-type", "application/json")
            .end(body.encode());
      }
      case "/health/live" ->
        request.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
      case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape());
      default -> request.response().setStatusCode(404).end();
    }
  }
}
