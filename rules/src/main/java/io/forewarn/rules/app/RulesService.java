package io.forewarn.rules.app;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.db.DbUrl;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.store.ActiveRuleSet;
import io.forewarn.rules.store.EvaluationClock;
import io.forewarn.rules.store.RuleFile;
import io.forewarn.rules.store.RulesPipeline;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring: config -> rule file -> pool -> pipeline (rules from the database, seeded by the file) -> verticles. */
final class RulesService {
  private static final Logger LOG = LoggerFactory.getLogger(RulesService.class);

  private final Vertx vertx;
  private final HikariDataSource pool;
  private final HealthVerticle health;

  private RulesService(Vertx vertx, HikariDataSource pool, HealthVerticle health) {
    this.vertx = vertx;
    this.pool = pool;
    this.health = health;
  }

  static void main(Map<String, String> env) throws Exception {
    RulesService s = start(RulesConfig.fromEnv(env), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(s::close, "rules-shutdown"));
  }

  static RulesService start(RulesConfig config, Clock clock) throws Exception {
    RuleFileLoader loader = new RuleFileLoader(ProductCatalog.standard());
    RuleFile file = RuleFile.read(loader, config.rulesFile());
    LOG.info(
        "rule file {} (version {}, {} rules) seeds the database's rule sets; cursor {}, poll {}, include history {},"
            + " clock {}, http port {}",
        file.source(), file.rules().version(), file.rules().size(), config.cursorName(),
        config.pollInterval(), config.includeHistory(), config.clock(), config.httpPort());
    HikariDataSource pool = Database.pool(DbUrl.toJdbc(config.dbUri()), config.dbPoolSize(), "rules");
    RulesPipeline pipeline = new RulesPipeline(pool, new ActiveRuleSet(loader, file), ProductCatalog.standard(), clock,
        new EvaluationClock(config.clock()), config.cursorName(), config.includeHistory());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RulesMetrics metrics = new RulesMetrics(registry, pipeline);
    Vertx vertx = Vertx.vertx();
    EvaluationVerticle evaluation = new EvaluationVerticle(pipeline, metrics, config.pollInterval());
    HealthVerticle health = new HealthVerticle(registry, evaluation::healthy, pipeline::rulesVersion,
        config.httpPort());
    DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
    Future.await(vertx.deployVerticle(evaluation, worker));
    Future.await(
        vertx.deployVerticle(new WakeVerticle(pool), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
    Future.await(vertx.deployVerticle(health));
    LOG.info("rules service started, http port {}", health.actualPort());
    return new RulesService(vertx, pool, health);
  }

  int httpPort() {
    return health.actualPort();
  }

  void close() {
    Future.await(vertx.close());
    pool.close();
  }
}
