package io.forewarn.ops.app;

import io.forewarn.ops.tokens.TokenRoutes;
import io.forewarn.ops.auth.TokenStore;
import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.fleet.DeviceStore;
import io.forewarn.ops.fleet.FleetRoutes;
import io.forewarn.ops.http.HttpVerticle;
import io.forewarn.ops.incident.ChangeFeed;
import io.forewarn.ops.incident.IncidentRoutes;
import io.forewarn.ops.incident.IncidentStore;
import io.forewarn.ops.incident.IncidentStream;
import io.forewarn.ops.kpi.KpiRoutes;
import io.forewarn.ops.kpi.KpiStore;
import io.forewarn.ops.metrics.OpsMetrics;
import io.forewarn.ops.outreach.MaintenanceStore;
import io.forewarn.ops.outreach.OutreachRoutes;
import io.forewarn.ops.outreach.OutreachStore;
import io.forewarn.ops.rulefile.RuleFiles;
import io.forewarn.ops.rulefile.RuleRoutes;
import io.forewarn.ops.rulefile.RuleSetStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/** Wiring: stores over one pool, their routes, one HTTP verticle. Used by OpsMain and by the tests. */
public final class OpsService {
  private final Vertx vertx;
  private final HttpVerticle http;

  public OpsService(Vertx vertx, OpsConfig config, DataSource dataSource, RuleFiles rules, Clock clock,
      MeterRegistry registry) {
    this.vertx = vertx;
    Jdbc jdbc = new Jdbc(vertx, dataSource);
    OpsMetrics metrics = new OpsMetrics(registry);
    TokenStore tokens = new TokenStore(jdbc, clock);
    IncidentStore incidents = new IncidentStore(jdbc, clock);
    IncidentStream stream = new IncidentStream(vertx, new ChangeFeed(jdbc), metrics, config.streamPoll(),
        config.maxStreams());
    RuleSetStore ruleSets = new RuleSetStore(jdbc, rules);
    var fleet = new FleetRoutes(new DeviceStore(jdbc), new io.forewarn.ops.telemetry.TelemetryStore(jdbc), ruleSets,
        clock);
    var incidentRoutes = new IncidentRoutes(incidents, stream, clock);
    var outreach = new OutreachRoutes(new OutreachStore(jdbc), new MaintenanceStore(jdbc), clock);
    var kpis = new KpiRoutes(new KpiStore(jdbc), clock);
    var ruleRoutes = new RuleRoutes(rules, ruleSets);
    var tokenRoutes = new TokenRoutes(tokens, clock);
    this.http = new HttpVerticle(
        new HttpVerticle.Settings(config.httpHost(), config.httpPort(), config.bodyLimitBytes(),
            config.operatorTenant()),
        tokens, metrics, () -> jdbc.call(c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1"); var rs = ps.executeQuery()) {
            return rs.next();
          }
        }), List.of(tokenRoutes::register, fleet::register, incidentRoutes::register, outreach::register,
            kpis::register, ruleRoutes::register));
  }

  public Future<String> start() {
    return vertx.deployVerticle(http);
  }

  public HttpVerticle http() {
    return http;
  }
}
