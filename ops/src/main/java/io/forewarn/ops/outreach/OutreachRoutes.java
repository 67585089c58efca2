package io.forewarn.ops.outreach;

import io.forewarn.ops.auth.Caller;
import io.forewarn.ops.auth.Role;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.http.JsonBody;
import io.forewarn.ops.http.Params;
import io.forewarn.ops.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Customers and their preferences, the outreach log, and maintenance windows. */
public final class OutreachRoutes {
  static final Duration LONGEST_WINDOW = Duration.ofDays(14);
  static final Duration FURTHEST_START = Duration.ofDays(365);
  private static final Set<String> CHANNELS = new HashSet<>(OutreachStore.CHANNELS);

  private final OutreachStore outreach;
  private final MaintenanceStore maintenance;
  private final Clock clock;

  public OutreachRoutes(OutreachStore outreach, MaintenanceStore maintenance, Clock clock) {
    this.outreach = outreach;
    this.maintenance = maintenance;
    this.clock = clock;
  }

  public void register(Api api) {
    api.get("/api/customers", Role.VIEWER, (ctx, who) -> {
      int limit = Params.integer(ctx, "limit", 100, 1, 1000);
      int offset = Params.integer(ctx, "offset", 0, 0, 1_000_000);
      return outreach.customers(who.tenantId(), limit, offset).map(items -> Reply.ok(new JsonObject()
          .put("items", items).put("limit", limit).put("offset", offset)));
    });
    api.get("/api/customers/:customerId", Role.VIEWER, (ctx, who) -> outreach
        .customer(who.tenantId(), Params.externalId(ctx, "customerId")).map(c -> found(c, "customer")));
    api.put("/api/customers/:customerId/preferences", Role.OPERATOR, this::preferences);
    api.get("/api/notifications", Role.VIEWER, (ctx, who) -> {
      int limit = Params.integer(ctx, "limit", 100, 1, 1000);
      int offset = Params.integer(ctx, "offset", 0, 0, 1_000_000);
      String incident = Params.filter(ctx, "incident");
      Long incidentId = null;
      if (incident != null) {
        try {
          incidentId = Long.parseLong(incident);
        } catch (NumberFormatException e) {
          throw ApiProblem.badRequest("bad_parameter", "incident must be an incident id (a whole number)");
        }
      }
      var f = new OutreachStore.LogFilter(Params.filter(ctx, "customer"), incidentId,
          Params.choice(ctx, "channel", Set.of("sms", "email", "ticket", "none")),
          Params.choice(ctx, "status", new HashSet<>(OutreachStore.DELIVERY_STATUSES)), limit, offset);
      return outreach.log(who.tenantId(), f).map(items -> Reply.ok(new JsonObject().put("items", items)
          .put("limit", limit).put("offset", offset)));
    });
    api.get("/api/maintenance-windows", Role.VIEWER,
        (ctx, who) -> maintenance.list(who.tenantId(), Params.instant(ctx, "after", clock.instant()))
            .map(items -> Reply.ok(new JsonObject().put("items", items))));
    api.post("/api/maintenance-windows", Role.OPERATOR, this::createWindow);
    api.delete("/api/maintenance-windows/:id", Role.OPERATOR,
        (ctx, who) -> maintenance.delete(who.tenantId(), Params.id(ctx, "id")).map(deleted -> {
          if (!deleted) {
            throw ApiProblem.notFound("maintenance window");
          }
          return Reply.noContent();
        }));
  }

  private Future<Reply> preferences(RoutingContext ctx, Caller who) {
    String id = Params.externalId(ctx, "customerId");
    JsonBody body = JsonBody.of(ctx);
    List<String> order = body.list("channel_order", CHANNELS);
    List<String> optedOut = body.list("opted_out", CHANNELS);
    Integer cap = body.integer("daily_cap", 1, 50);
    LocalTime start = time(body, "quiet_start");
    LocalTime end = time(body, "quiet_end");
    if (order == null || order.isEmpty() || optedOut == null || cap == null) {
      throw ApiProblem.badRequest("missing_field", "channel_order (non-empty), opted_out and daily_cap are required;"
          + " quiet_start and quiet_end are both given (HH:MM) or both null");
    }
    if ((start == null) != (end == null) || (start != null && start.equals(end))) {
      throw ApiProblem.badRequest("bad_field", "quiet_start and quiet_end are both null or two different times");
    }
    var prefs = new OutreachStore.Preferences(order, start, end, optedOut, cap);
    return outreach.savePreferences(who.tenantId(), id, prefs).map(p -> found(p, "customer"));
  }

  private static LocalTime time(JsonBody body, String field) {
    String raw = body.text(field, 5, false);
    if (raw == null) {
      return null;
    }
    try {
      if (!raw.matches("\\d{2}:\\d{2}")) {
        throw new DateTimeParseException("not HH:MM", raw, 0);
      }
      return LocalTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("bad_field", "'" + field + "' must be a time of day as HH:MM, e.g. 22:00");
    }
  }

  private Future<Reply> createWindow(RoutingContext ctx, Caller who) {
    JsonBody body = JsonBody.of(ctx);
    String scopeType = body.choice("scope_type", new HashSet<>(MaintenanceStore.SCOPES), true);
    String scopeValue = body.text("scope_value", 100, true);
    Instant starts = body.instant("starts_at", true);
    Instant ends = body.instant("ends_at", true);
    String reason = body.text("reason", 500, true);
    Boolean announce = body.bool("announce");
    Instant now = clock.instant();
    if (!ends.isAfter(starts) || Duration.between(starts, ends).compareTo(LONGEST_WINDOW) > 0) {
      throw ApiProblem.badRequest("bad_field", "ends_at must be after starts_at and at most "
          + LONGEST_WINDOW.toDays() + " days later");
    }
    if (!ends.isAfter(now) || starts.isAfter(now.plus(FURTHEST_START))) {
      throw ApiProblem.badRequest("bad_field", "the window must end in the future and start within "
          + FURTHEST_START.toDays() + " days");
    }
    Future<String> value = scopeType.equals("device")
        ? maintenance.deviceScopeValue(who.tenantId(), scopeValue)
        : Future.succeededFuture(scopeValue);
    return value.compose(v -> {
      if (v == null) {
        return Future.failedFuture(ApiProblem.notFound("device " + Params.externalIdShown(scopeValue)));
      }
      var w = new MaintenanceStore.Window(scopeType, v, starts, ends, reason, announce != null && announce);
      return maintenance.create(who.tenantId(), w, who.actor());
    }).map(created -> switch (created) {
      case MaintenanceStore.Created.Done d -> Reply.created(d.window());
      case MaintenanceStore.Created.NotOnlyOwnDevices n -> throw new ApiProblem(409, "scope_not_own",
          "a window must cover at least one of your devices and no other tenant's; narrow the scope", List.of());
    });
  }

  static Reply found(JsonObject o, String what) {
    if (o == null) {
      throw ApiProblem.notFound(what);
    }
    return Reply.ok(o);
  }
}
