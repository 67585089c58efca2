package io.forewarn.ops.tokens;

import io.forewarn.ops.auth.Role;
import io.forewarn.ops.auth.TokenStore;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.http.JsonBody;
import io.forewarn.ops.http.Params;
import io.forewarn.ops.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Who am I, and the tenant's tokens (admin only). A new token's secret is returned once. */
public final class TokenRoutes {
  static final Duration LONGEST_LIFE = Duration.ofDays(366);

  private final TokenStore tokens;
  private final Clock clock;

  public TokenRoutes(TokenStore tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  public void register(Api api) {
    api.get("/api/me", Role.VIEWER, (ctx, who) -> Future.succeededFuture(Reply.ok(new JsonObject()
        .put("token", who.tokenName()).put("role", who.role().dbName()).put("tenant", who.tenantSlug()))));
    api.get("/api/tokens", Role.ADMIN, (ctx, who) -> tokens.list(who.tenantId())
        .map(items -> Reply.ok(new JsonObject().put("items", items))));
    api.post("/api/tokens", Role.ADMIN, (ctx, who) -> {
      JsonBody body = JsonBody.of(ctx);
      String name = body.text("name", 80, true);
      Role role = Role.parse(body.choice("role", Set.of("viewer", "operator", "admin"), true)).orElseThrow();
      Instant expires = body.instant("expires_at", false);
      if (expires != null
          && (!expires.isAfter(clock.instant()) || expires.isAfter(clock.instant().plus(LONGEST_LIFE)))) {
        throw ApiProblem.badRequest("bad_field",
            "expires_at must be in the future and within " + LONGEST_LIFE.toDays() + " days");
      }
      return tokens.create(who.tenantId(), name, role, who.actor(), expires)
          .map(issued -> Reply.created(issued.info().copy().put("token", issued.token())));
    });
    api.delete("/api/tokens/:id", Role.ADMIN, (ctx, who) -> {
      long id = Params.id(ctx, "id");
      if (id == who.tokenId()) {
        throw ApiProblem.conflict("a token cannot revoke itself; use another admin token");
      }
      return tokens.revoke(who.tenantId(), id).map(done -> {
        if (!done) {
          throw ApiProblem.notFound("token");
        }
        return Reply.noContent();
      });
    });
  }
}
