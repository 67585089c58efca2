package io.forewarn.ops.http;

import io.forewarn.ops.metrics.OpsMetrics;
import io.forewarn.ops.auth.ApiTokens;
import io.forewarn.ops.auth.Authenticator;
import io.forewarn.ops.auth.Caller;
import io.forewarn.ops.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@code /api} routes: every one authenticates the bearer token, checks the role it
 * was declared with, runs its handler and writes JSON. Every failure becomes a JSON error; only a
 * fault on our side is a 5xx. {@link #routes()} lists what is registered, so tests can walk them all.
 * Fleet-wide settings ({@link #fleetGet}, {@link #fleetPost}: rule sets) are also refused to every
 * tenant but the operator tenant, whose people run the fleet for all tenants (docs/api.md "Tenants").
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  private static final String CALLER = "forewarn.caller";

  /**
   * One registered route, the least role that may call it, and whether only the operator tenant's
   * tokens may (fleet-wide settings).
   */
  public record Route(HttpMethod method, String path, Role role, boolean operatorTenantOnly) {}

  /** A route's work; returns a failed future or throws ApiProblem for bad input. */
  @FunctionalInterface
  public interface Handler {
    Future<Reply> handle(RoutingContext ctx, Caller caller);
  }

  private final Router router;
  private final OpsMetrics metrics;
  private final String operatorTenant;
  private final List<Route> routes = new ArrayList<>();

  /** @param operatorTenant slug of the tenant whose tokens may call the fleet-wide routes */
  public Api(Router router, Authenticator authenticator, OpsMetrics metrics, String operatorTenant) {
    this.router = router;
    this.metrics = metrics;
    this.operatorTenant = operatorTenant;
    router.route("/api/*").handler(ctx -> authenticate(ctx, authenticator));
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  public void get(String path, Role role, Handler handler) {
    add(new Route(HttpMethod.GET, path, role, false), handler);
  }

  public void post(String path, Role role, Handler handler) {
    add(new Route(HttpMethod.POST, path, role, false), handler);
  }

  public void put(String path, Role role, Handler handler) {
    add(new Route(HttpMethod.PUT, path, role, false), handler);
  }

  public void delete(String path, Role role, Handler handler) {
    add(new Route(HttpMethod.DELETE, path, role, false), handler);
  }

  /** A GET of fleet-wide settings: only the operator tenant's tokens with at least {@code role}. */
  public void fleetGet(String path, Role role, Handler handler) {
    add(new Route(HttpMethod.GET, path, role, true), handler);
  }

  /** A POST that changes fleet-wide settings: only the operator tenant's tokens with at least {@code role}. */
  public void fleetPost(String path, Role role, Handler handler) {
    add(new Route(HttpMethod.POST, path, role, true), handler);
  }

  /** A route that writes its own response (the event stream); same authentication and role check. */
  public void raw(HttpMethod method, String path, Role role, io.vertx.core.Handler<RoutingContext> handler) {
    Route route = new Route(method, path, role, false);
    routes.add(route);
    router.route(method, path).handler(ctx -> {
      Caller caller = ctx.get(CALLER);
      if (allowed(ctx, caller, route)) {
        handler.handle(ctx);
      }
    });
  }

  public static Caller caller(RoutingContext ctx) {
    return ctx.get(CALLER);
  }

  private void add(Route route, Handler handler) {
    routes.add(route);
    router.route(route.method(), route.path()).handler(ctx -> {
      Caller caller = ctx.get(CALLER);
      if (!allowed(ctx, caller, route)) {
        return;
      }
      Future<Reply> work;
      try {
        work = handler.handle(ctx, caller);
      } catch (ApiProblem p) {
        work = Future.failedFuture(p);
      } catch (RuntimeException e) {
        work = Future.failedFuture(e);
      }
      work.onComplete(ar -> {
        if (ar.succeeded()) {
          reply(ctx, ar.result());
        } else {
          fail(ctx, ar.cause());
        }
      });
    });
  }

  private boolean allowed(RoutingContext ctx, Caller caller, Route route) {
    if (!caller.role().includes(route.role())) {
      metrics.denied("role");
      error(ctx, new ApiProblem(403, "forbidden", "this needs the " + route.role().dbName() + " role; the token has "
          + caller.role().dbName(), List.of()));
      return false;
    }
    if (route.operatorTenantOnly() && !caller.tenantSlug().equals(operatorTenant)) {
      metrics.denied("tenant");
      error(ctx, new ApiProblem(403, "operator_tenant_only", "this is a fleet-wide setting: only the operator tenant"
          + " '" + operatorTenant + "' manages it", List.of()));
      return false;
    }
    return true;
  }

  private void authenticate(RoutingContext ctx, Authenticator authenticator) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      metrics.denied("missing");
      error(ctx, new ApiProblem(401, "unauthenticated", "send 'Authorization: Bearer <token>'", List.of()));
      return;
    }
    String token = header.substring(7).trim();
    if (!ApiTokens.wellFormed(token)) {
      metrics.denied("malformed");
      error(ctx, new ApiProblem(401, "unauthenticated", "the token is not a Forewarn API token (fwt_…)", List.of()));
      return;
    }
    authenticator.authenticate(token).onComplete(ar -> {
      if (ar.failed()) {
        fail(ctx, ar.cause());
      } else if (ar.result().isEmpty()) {
        metrics.denied("unknown");
        error(ctx, new ApiProblem(401, "unauthenticated", "the token is unknown, revoked or expired", List.of()));
      } else {
        ctx.put(CALLER, ar.result().get());
        ctx.next();
      }
    });
  }

  private static void reply(RoutingContext ctx, Reply reply) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(reply.status());
    if (reply.body() == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("Content-Type", "application/json").end(io.vertx.core.json.Json.encode(reply.body()));
    }
  }

  /** Writes any failure as JSON: ApiProblem as given, database input errors as 4xx, the rest 503/500. */
  public static void fail(RoutingContext ctx, Throwable cause) {
    error(ctx, classify(cause));
  }

  static ApiProblem classify(Throwable cause) {
    if (cause instanceof ApiProblem p) {
      return p;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return new ApiProblem(503, "unavailable", "the database is unavailable; try again shortly", List.of());
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22")) {
          return ApiProblem.badRequest("bad_value", "a value is out of range or malformed for the database");
        }
        if (state.startsWith("23")) {
          return ApiProblem.conflict("the change conflicts with existing data");
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
          return new ApiProblem(503, "unavailable", "the database is unavailable; try again shortly", List.of());
        }
      }
    }
    LOG.error("request failed on our side", cause);
    return new ApiProblem(500, "internal", "internal error; it has been logged", List.of());
  }

  public static void error(RoutingContext ctx, ApiProblem problem) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", "application/json")
        .end(problem.toJson().encode());
  }

  /** Error replies for what the router itself rejects (no route, wrong method, body too large). */
  public static void installErrorHandlers(Router router) {
    router.errorHandler(404,
        ctx -> error(ctx, ApiProblem.notFound("no such path: " + Params.shown(ctx.request().path()))));
    router.errorHandler(405, ctx -> error(ctx, new ApiProblem(405, "method_not_allowed",
        ctx.request().method() + " is not allowed on this path", List.of())));
    router.errorHandler(413, ctx -> error(ctx, new ApiProblem(413, "body_too_large",
        "the body is larger than the API accepts", List.of())));
    router.errorHandler(400, ctx -> error(ctx, ApiProblem.badRequest("bad_request", "the request is malformed")));
    router.errorHandler(500,
        ctx -> error(ctx, classify(ctx.failure() == null ? new IllegalStateException("500") : ctx.failure())));
  }

  static JsonObject page(Object items, int limit, int offset) {
    return new JsonObject().put("items", items).put("limit", limit).put("offset", offset);
  }
}
