package io.forewarn.ops.rulefile;

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
import java.util.List;

/**
 * The fleet's rule sets: every tenant reads the active one and may check a candidate; the operator
 * tenant's admins also list the versions, submit a new one and activate an earlier one (rollback).
 * The rules service picks up an activation within a second or two (docs/rules.md "Rule sets").
 */
public final class RuleRoutes {
  private static final int REASON_MAX = 500;
  private static final int VERSION_MAX = 128;

  private final RuleFiles files;
  private final RuleSetStore store;

  public RuleRoutes(RuleFiles files, RuleSetStore store) {
    this.files = files;
    this.store = store;
  }

  public void register(Api api) {
    api.get("/api/rules", Role.VIEWER, (ctx, who) -> store.active().map(Reply::ok));
    api.post("/api/rules/validate", Role.OPERATOR, (ctx, who) -> Future.succeededFuture(
        switch (valid(JsonBody.of(ctx).json())) {
          case RuleFiles.Check.Valid v -> Reply.ok(new JsonObject().put("valid", true).put("version", v.version())
              .put("rules", v.rules()).put("models", v.models()));
          case RuleFiles.Check.Invalid i -> throw invalid(i.problems());
        }));
    api.fleetGet("/api/rules/versions", Role.ADMIN, (ctx, who) -> store.versions(
        Params.integer(ctx, "limit", 100, 1, 1000), Params.integer(ctx, "offset", 0, 0, 1_000_000)).map(Reply::ok));
    api.fleetGet("/api/rules/versions/:version", Role.ADMIN,
        (ctx, who) -> store.version(Params.externalId(ctx, "version"))
            .map(v -> {
              if (v == null) {
                throw ApiProblem.notFound("rule set version");
              }
              return Reply.ok(v);
            }));
    api.fleetPost("/api/rules/versions", Role.ADMIN, this::submit);
    api.fleetPost("/api/rules/versions/:version/activate", Role.ADMIN, this::activate);
  }

  /** Body: {"rule_file": {...}, "reason": "...", "expected_active": "<version read from GET /api/rules>"}. */
  private Future<Reply> submit(RoutingContext ctx, Caller who) {
    JsonBody body = JsonBody.of(ctx);
    Object file = body.json().getValue("rule_file");
    if (file == null) {
      throw ApiProblem.badRequest("missing_field", "'rule_file' is required");
    }
    if (!(file instanceof JsonObject ruleFile)) {
      throw ApiProblem.badRequest("wrong_type", "'rule_file' must be an object, not " + JsonBody.kind(file));
    }
    String reason = body.text("reason", REASON_MAX, true);
    String expected = body.text("expected_active", VERSION_MAX, true);
    return switch (valid(ruleFile)) {
      case RuleFiles.Check.Invalid i -> throw invalid(i.problems());
      case RuleFiles.Check.Valid v ->
        store.submit(ruleFile.encodePrettily(), v.version(), reason, expected, who.actor())
            .map(c -> settle(c, v.version(), true));
    };
  }

  /** Body: {"reason": "...", "expected_active": "<version read from GET /api/rules>"}. */
  private Future<Reply> activate(RoutingContext ctx, Caller who) {
    String version = Params.externalId(ctx, "version");
    JsonBody body = JsonBody.of(ctx);
    String reason = body.text("reason", REASON_MAX, true);
    String expected = body.text("expected_active", VERSION_MAX, true);
    return store.activate(version, reason, expected, who.actor()).map(c -> settle(c, version, false));
  }

  private RuleFiles.Check valid(JsonObject candidate) {
    return files.check(candidate.encode());
  }

  private static ApiProblem invalid(List<String> problems) {
    return new ApiProblem(422, "invalid_rules", "the rule file has " + problems.size() + " problem(s)", problems);
  }

  private static Reply settle(RuleSetStore.Change change, String version, boolean created) {
    return switch (change) {
      case RuleSetStore.Change.Done d -> created ? Reply.created(d.activation()) : Reply.ok(d.activation());
      case RuleSetStore.Change.Invalid i -> throw invalid(i.problems());
      case RuleSetStore.Change.NotFound n -> throw ApiProblem.notFound("rule set version");
      case RuleSetStore.Change.NotSeeded n -> throw new ApiProblem(409, "not_seeded", "no rule set is in the database"
          + " yet: the rules service stores its rule file when it first starts", List.of());
      case RuleSetStore.Change.VersionExists e -> throw new ApiProblem(409, "version_exists", "version '" + version
          + "' exists already: give the rule file a new version, or activate that one", List.of());
      case RuleSetStore.Change.AlreadyActive a -> throw new ApiProblem(409, "already_active", "version '" + version
          + "' is the active rule set already", List.of());
      case RuleSetStore.Change.ActiveChanged a -> throw new ApiProblem(409, "active_changed", "the active rule set is '"
          + a.active() + "', not the one expected: read it again (GET /api/rules) and retry", List.of());
    };
  }
}
