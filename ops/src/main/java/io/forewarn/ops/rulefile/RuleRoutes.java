package io.forewarn.ops.rulefile;

import io.forewarn.ops.auth.Role;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.http.JsonBody;
import io.forewarn.ops.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The active rule file (read-only: the rules service reads it at start) and validation of a
 * candidate. The rule file is fleet-wide, not per tenant.
 */
public final class RuleRoutes {
  private final RuleFiles rules;

  public RuleRoutes(RuleFiles rules) {
    this.rules = rules;
  }

  public void register(Api api) {
    api.get("/api/rules", Role.VIEWER, (ctx, who) -> Future.succeededFuture(Reply.ok(rules.describe())));
    api.post("/api/rules/validate", Role.OPERATOR, (ctx, who) -> {
      JsonObject candidate = JsonBody.of(ctx).json();
      return Future.succeededFuture(switch (rules.check(candidate.encode())) {
        case RuleFiles.Check.Valid v -> Reply.ok(new JsonObject().put("valid", true).put("version", v.version())
            .put("rules", v.rules()).put("models", v.models()));
        case RuleFiles.Check.Invalid i -> throw new ApiProblem(422, "invalid_rules",
            "the rule file has " + i.problems().size() + " problem(s)", i.problems());
      });
    });
  }
}
