package io.forewarn.ops.kpi;

import io.forewarn.ops.auth.Role;
import io.forewarn.ops.http.Api;
import io.forewarn.ops.http.ApiProblem;
import io.forewarn.ops.http.Params;
import io.forewarn.ops.http.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** KPIs of the caller's tenant over a period (default: the last 30 days). */
public final class KpiRoutes {
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
  static final Duration LONGEST_PERIOD = Duration.ofDays(400);

  private final KpiStore store;
  private final Clock clock;

  public KpiRoutes(KpiStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void register(Api api) {
    api.get("/api/kpis", Role.VIEWER, (ctx, who) -> {
      Instant to = Params.instant(ctx, "to", clock.instant());
      Instant from = Params.instant(ctx, "from", to.minus(DEFAULT_PERIOD));
      if (!from.isBefore(to) || Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
        throw ApiProblem.badRequest("bad_range", "'from' must be before 'to' and at most " + LONGEST_PERIOD.toDays()
            + " days earlier");
      }
      return store.kpis(who.tenantId(), from, to).map(Reply::ok);
    });
  }
}
