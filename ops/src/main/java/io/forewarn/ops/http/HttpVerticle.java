package io.forewarn.ops.http;

import io.forewarn.ops.auth.Authenticator;
import io.forewarn.ops.metrics.OpsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops HTTP server: {@code /api/*} (token auth, see {@link Api}), {@code /openapi.yaml},
 * {@code /health}, {@code /metrics} and the dashboard's static files from the jar.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  /**
   * Where and how to listen.
   *
   * @param operatorTenant slug of the tenant that manages fleet-wide settings (rule sets)
   */
  public record Settings(String host, int port, long bodyLimitBytes, String operatorTenant) {}

  private final Settings settings;
  private final Authenticator authenticator;
  private final OpsMetrics metrics;
  private final Supplier<Future<Boolean>> healthCheck;
  private final List<Consumer<Api>> routeGroups;
  private volatile List<Api.Route> routes = List.of();
  private volatile int actualPort;

  public HttpVerticle(Settings settings, Authenticator authenticator, OpsMetrics metrics,
      Supplier<Future<Boolean>> healthCheck, List<Consumer<Api>> routeGroups) {
    this.settings = settings;
    this.authenticator = authenticator;
    this.metrics = metrics;
    this.healthCheck = healthCheck;
    this.routeGroups = List.copyOf(routeGroups);
  }

  public int actualPort() {
    return actualPort;
  }

  /** Every /api route with its least role, once started. */
  public List<Api.Route> routes() {
    return routes;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer")
          .putHeader("X-Frame-Options", "DENY");
      ctx.next();
    });
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes()));
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    String openApi = openApi();
    router.get("/openapi.yaml")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
            .end(openApi));
    Api api = new Api(router, authenticator, metrics, settings.operatorTenant());
    routeGroups.forEach(group -> group.accept(api));
    routes = api.routes();
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false)
        .setDefaultContentEncoding("UTF-8"));
    Api.installErrorHandlers(router);
    // HTTP/1.1 only: a JDK HttpClient's h2c upgrade to this server could leave a request hanging past
    // its own timeout (seen in ApiIT); browsers never use h2c, so nothing is lost.
    HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
        .setMaxInitialLineLength(8192).setMaxHeaderSize(16384).setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options).requestHandler(router).listen().map(HttpServer::actualPort)
        .onSuccess(port -> {
          actualPort = port;
          LOG.info("ops HTTP on {}:{} ({} API routes)", settings.host(), port, routes.size());
        });
  }

  private static String openApi() {
    try (var in = HttpVerticle.class.getResourceAsStream("/openapi/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi/openapi.yaml is missing from the jar");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read openapi/openapi.yaml", e);
    }
  }

  private void health(RoutingContext ctx) {
    healthCheck.get().onComplete(ar -> {
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
}
