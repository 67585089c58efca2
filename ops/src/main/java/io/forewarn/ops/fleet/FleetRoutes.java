package io.forewarn.ops.fleet;

import io.forewarn.ops.auth.Role;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.http.Params;
import io.forewarn.ops.http.Reply;
import io.forewarn.ops.rulefile.RuleSetStore;
import io.forewarn.ops.telemetry.Downsampling;
import io.forewarn.ops.telemetry.TelemetryStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Fleet overview, devices, devices at risk, and one device's telemetry chart data. */
public final class FleetRoutes {
  static final Duration DEFAULT_RANGE = Duration.ofHours(6);
  private static final Set<String> STEP_SECONDS = Set.of("10", "30", "60", "300", "900", "1800", "3600", "10800",
      "21600", "43200", "86400");

  private final DeviceStore devices;
  private final TelemetryStore telemetry;
  private final RuleSetStore rules;
  private final Clock clock;

  public FleetRoutes(DeviceStore devices, TelemetryStore telemetry, RuleSetStore rules, Clock clock) {
    this.devices = devices;
    this.telemetry = telemetry;
    this.rules = rules;
    this.clock = clock;
  }

  public void register(Api api) {
    api.get("/api/fleet/summary", Role.VIEWER, (ctx, who) -> devices.summary(who.tenantId()).map(Reply::ok));
    api.get("/api/devices", Role.VIEWER, (ctx, who) -> {
      int limit = Params.integer(ctx, "limit", 100, 1, 1000);
      int offset = Params.integer(ctx, "offset", 0, 0, 1_000_000);
      var filter = new DeviceStore.Filter(Params.filter(ctx, "model"), Params.filter(ctx, "region"),
          Params.filter(ctx, "firmware"), Params.choice(ctx, "status", new HashSet<>(DeviceStore.STATUSES)), limit,
          offset);
      return devices.list(who.tenantId(), filter).map(items -> Reply.ok(page(items, limit, offset)));
    });
    api.get("/api/devices/at-risk", Role.VIEWER, (ctx, who) -> {
      int limit = Params.integer(ctx, "limit", 50, 1, 500);
      return devices.atRisk(who.tenantId(), limit).map(items -> Reply.ok(page(items, limit, 0)));
    });
    api.get("/api/devices/:deviceId", Role.VIEWER,
        (ctx, who) -> devices.detail(who.tenantId(), Params.externalId(ctx, "deviceId")).map(d -> found(d, "device")));
    api.get("/api/devices/:deviceId/telemetry", Role.VIEWER, this::telemetry);
  }

  private Future<Reply> telemetry(RoutingContext ctx, io.forewarn.ops.auth.Caller who) {
    String id = Params.externalId(ctx, "deviceId");
    String metric = Params.filter(ctx, "metric");
    String stepRaw = Params.choice(ctx, "step", STEP_SECONDS);
    Instant fromParam = Params.instant(ctx, "from", null);
    Instant toParam = Params.instant(ctx, "to", null);
    return telemetry.device(who.tenantId(), id).compose(device -> {
      if (device == null) {
        return Future.failedFuture(ApiProblem.notFound("device " + id));
      }
      // Default range ends at the device's last sample, so accelerated or historic data still charts.
      Instant to = toParam != null ? toParam
          : device.lastSeen() != null ? device.lastSeen().plusSeconds(1) : clock.instant();
      Instant from = fromParam != null ? fromParam : to.minus(DEFAULT_RANGE);
      Downsampling.Plan plan;
      try {
        plan = Downsampling.plan(from, to, stepRaw == null ? null : Duration.ofSeconds(Long.parseLong(stepRaw)));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(ApiProblem.badRequest("bad_range", e.getMessage()));
      }
      if (metric == null) {
        return telemetry.metricNames(device).map(names -> Reply.ok(new JsonObject().put("device", id)
            .put("metrics", names)));
      }
      var q = new TelemetryStore.Query(who.tenantId(), id, metric, from, to, plan);
      return telemetry.series(device, q).compose(points -> points == null
          ? Future.failedFuture(ApiProblem.notFound("metric " + metric))
          : rules.thresholds(device.model(), metric).map(levels -> Reply.ok(new JsonObject().put("device", id)
              .put("metric", metric).put("from", from.toString()).put("to", to.toString())
              .put("source", plan.source().table()).put("step_seconds", plan.step().toSeconds()).put("points", points)
              .put("thresholds", levels))));
    });
  }

  static Reply found(JsonObject o, String what) {
    if (o == null) {
      throw ApiProblem.notFound(what);
    }
    return Reply.ok(o);
  }

  static JsonObject page(Object items, int limit, int offset) {
    return new JsonObject().put("items", items).put("limit", limit).put("offset", offset);
  }
}
