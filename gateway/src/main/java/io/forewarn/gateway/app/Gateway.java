package io.forewarn.gateway.app;

import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.telemetry.TelemetryDecoder;
import io.forewarn.gateway.health.HealthVerticle;
import io.forewarn.gateway.ingest.IngestVerticle;
import io.forewarn.gateway.ingest.PahoTelemetrySource;
import io.forewarn.gateway.maintenance.MaintenanceVerticle;
import io.forewarn.gateway.maintenance.RecentBatches;
import io.forewarn.gateway.metrics.MicrometerGatewayMetrics;
import io.forewarn.gateway.store.PgTelemetryStore;
import io.forewarn.gateway.store.WriterConnection;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The wired gateway: what {@link GatewayMain} runs and what integration tests start in-process. */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Duration MIGRATION_RETRY = Duration.ofSeconds(2);

  private final GatewayConfig config;
  private final Vertx vertx;
  private final HikariDataSource pool;
  private final PrometheusMeterRegistry registry;
  private final Runnable onFatal;
  private HealthVerticle health;
  private PgTelemetryStore store;
  private String ingestId;

  private Gateway(GatewayConfig config, Runnable onFatal) {
    this.config = config;
    this.onFatal = onFatal;
    this.vertx = Vertx.vertx();
    this.pool = Database.pool(config.dbUrl(), config.dbPoolSize(), "forewarn-gateway");
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /**
   * Migrates the schema (waiting for the database if it is not up yet), then starts health, maintenance
   * and ingest. {@code onFatal} runs when the gateway cannot go on (e.g. the database refuses our credentials).
   */
  public static Future<Gateway> start(GatewayConfig config, Runnable onFatal) {
    Gateway gateway = new Gateway(config, onFatal);
    return gateway.boot().map(gateway);
  }

  private Future<Void> boot() {
    Clock clock = Clock.systemUTC();
    MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);
    PahoTelemetrySource source = new PahoTelemetrySource(vertx, config.mqtt(), metrics, clock);
    RecentBatches recent = new RecentBatches(config.maintenance().rollupMemoryRows(),
        config.maintenance().recentBatchesMaxAge(), clock);
    store = new PgTelemetryStore(vertx, new WriterConnection(config.dbUrl(), config.mqtt().clientId()),
        config.store(), metrics, clock, recent);
    MaintenanceVerticle maintenance = new MaintenanceVerticle(pool, config.maintenance(), recent, metrics);
    health = new HealthVerticle(registry, List.of(
        new HealthVerticle.Check("broker", source::isConnected),
        new HealthVerticle.Check("database", () -> maintenance.databaseReachable() || store.isAvailable())),
        config.httpHost(), config.httpPort());
    IngestVerticle ingest = new IngestVerticle(source, new TelemetryDecoder(config.payload()), store, metrics,
        config.batch(), onFatal);
    return vertx.deployVerticle(health)
        .compose(id -> migrateWhenReachable())
        .compose(v -> vertx.deployVerticle(maintenance))
        .compose(id -> vertx.deployVerticle(ingest))
        .onSuccess(id -> {
          ingestId = id;
          LOG.info("gateway started: health and metrics on http://{}:{}/health, /metrics", config.httpHost(),
              health.actualPort());
        })
        .mapEmpty();
  }

  /** Nothing is consumed before the schema is current, so messages wait in the broker meanwhile. */
  private Future<Void> migrateWhenReachable() {
    return vertx.executeBlocking(() -> {
      long attempt = 0;
      while (true) {
        try {
          Database.migrate(pool);
          return null;
        } catch (RuntimeException e) {
          if (++attempt % 15 == 1) {
            LOG.warn("database not ready for migration ({}); retrying every {}", rootMessage(e), MIGRATION_RETRY);
          }
          Thread.sleep(MIGRATION_RETRY.toMillis());
        }
      }
    });
  }

  public int httpPort() {
    return health.actualPort();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Graceful: the ingest stage writes and acknowledges what it holds, then everything closes. */
  public Future<Void> stop() {
    // Completed outside Vert.x: callbacks chained on a closed Vert.x instance would never run.
    CompletableFuture<Void> done = new CompletableFuture<>();
    Future<Void> undeploy = ingestId == null ? Future.succeededFuture() : vertx.undeploy(ingestId);
    undeploy.recover(e -> Future.succeededFuture())
        .compose(v -> store == null ? Future.succeededFuture() : store.close())
        .onComplete(ar -> vertx.close().onComplete(closed -> {
          pool.close();
          done.complete(null);
        }));
    return Future.fromCompletionStage(done);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
