package io.forewarn.ops.incident;

import io.forewarn.ops.auth.Caller;
import io.forewarn.ops.auth.Role;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.http.JsonBody;
import io.forewarn.ops.http.Params;
import io.forewarn.ops.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

/** Incident list, detail, the live stream, and acknowledge / resolve / silence. */
public final class IncidentRoutes {
  static final Duration LONGEST_SILENCE = Duration.ofDays(30);

  private final IncidentStore store;
  private final IncidentStream stream;
  private final Clock clock;

  public IncidentRoutes(IncidentStore store, IncidentStream stream, Clock clock) {
    this.store = store;
    this.stream = stream;
    this.clock = clock;
  }

  public void register(Api api) {
    api.get("/api/incidents", Role.VIEWER, (ctx, who) -> {
      int limit = Params.integer(ctx, "limit", 100, 1, 1000);
      int offset = Params.integer(ctx, "offset", 0, 0, 1_000_000);
      var f = new IncidentStore.Filter(Params.choice(ctx, "state", new HashSet<>(IncidentStore.STATES)),
          Params.choice(ctx, "severity", new HashSet<>(IncidentStore.SEVERITIES)),
          Params.choice(ctx, "kind", new HashSet<>(IncidentStore.KINDS)), Params.filter(ctx, "device"),
          Params.instant(ctx, "since", null), limit, offset);
      return store.list(who.tenantId(), f).map(items -> Reply.ok(new JsonObject().put("items", items)
          .put("limit", limit).put("offset", offset)));
    });
    // Registered before /:id so "stream" is not read as an id.
    api.raw(HttpMethod.GET, "/api/incidents/stream", Role.VIEWER, stream::open);
    api.get("/api/incidents/:id", Role.VIEWER, (ctx, who) -> store.get(who.tenantId(), Params.id(ctx, "id"))
        .map(i -> {
          if (i == null) {
            throw ApiProblem.notFound("incident");
          }
          return Reply.ok(i);
        }));
    api.post("/api/incidents/:id/acknowledge", Role.OPERATOR,
        (ctx, who) -> settle(store.acknowledge(who.tenantId(), Params.id(ctx, "id"), who.actor())));
    api.post("/api/incidents/:id/resolve", Role.OPERATOR, this::resolve);
    api.post("/api/incidents/:id/silence", Role.OPERATOR, this::silence);
  }

  private Future<Reply> resolve(RoutingContext ctx, Caller who) {
    long id = Params.id(ctx, "id");
    String reason = optionalBody(ctx).text("reason", 500, false);
    return settle(store.resolve(who.tenantId(), id, who.actor(), reason == null ? "resolved by an operator" : reason));
  }

  private Future<Reply> silence(RoutingContext ctx, Caller who) {
    long id = Params.id(ctx, "id");
    JsonBody body = JsonBody.of(ctx);
    Instant until = body.instant("until", true);
    String reason = body.text("reason", 500, true);
    Instant now = clock.instant();
    if (!until.isAfter(now) || until.isAfter(now.plus(LONGEST_SILENCE))) {
      throw ApiProblem.badRequest("bad_field", "'until' must be in the future and at most " + LONGEST_SILENCE.toDays()
          + " days ahead");
    }
    return settle(store.silence(who.tenantId(), id, who.actor(), until, reason));
  }

  /** Resolve takes an optional body; an empty one is fine, a malformed one is not. */
  private static JsonBody optionalBody(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      return JsonBody.ofEmpty();
    }
    return JsonBody.of(ctx);
  }

  private static Future<Reply> settle(Future<IncidentStore.Change> change) {
    return change.map(c -> switch (c) {
      case IncidentStore.Change.Done d -> Reply.ok(d.incident());
      case IncidentStore.Change.NotFound n -> throw ApiProblem.notFound("incident");
      case IncidentStore.Change.NotOwned n -> throw new ApiProblem(403, "shared_incident",
          "this incident also covers other tenants' devices; only the fleet operator can change it", List.of());
      case IncidentStore.Change.AlreadyResolved r -> throw ApiProblem.conflict("the incident is already resolved");
    });
  }
}
