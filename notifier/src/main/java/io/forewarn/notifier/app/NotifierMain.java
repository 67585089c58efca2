package io.forewarn.notifier.app;

import io.forewarn.common.config.ConfigSources;
import io.forewarn.common.config.InvalidConfigException;
import io.forewarn.common.db.Database;
import io.forewarn.notifier.template.PreviewCommand;
import io.forewarn.notifier.template.TemplateCheckException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier jar's entry point. No arguments: run the service. {@code preview ...} or options
 * starting with {@code --}: the template preview (what {@code ./forewarn preview} runs).
 * {@code broadcast-bench ...}: the broadcast benchmark.
 */
public final class NotifierMain {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierMain.class);

  private NotifierMain() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status >= 0) {
      System.exit(status);
    }
  }

  /** Returns an exit status, or -1 when the service keeps running. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("preview")) {
      return new PreviewCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length), env);
    }
    if (args.length > 0 && args[0].startsWith("--")) {
      return new PreviewCommand(out, err).run(args, env);
    }
    if (args.length > 0 && args[0].equals("broadcast-bench")) {
      return new BroadcastBench(out, err).run(Arrays.copyOfRange(args, 1, args.length), env);
    }
    if (args.length > 0) {
      err.println("usage: notifier [preview OPTIONS | broadcast-bench OPTIONS]   (no arguments: run the service)");
      return 2;
    }
    return service(env, err);
  }

  private static int service(Map<String, String> environment, PrintStream err) {
    NotifierConfig config;
    try {
      config = NotifierConfig.fromEnv(ConfigSources.load(environment));
    } catch (InvalidConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (config.service().dbUrl() == null) {
      err.println(
          "notifier: FOREWARN_DB_URL is required to run the service (e.g. postgresql://forewarn@127.0.0.1:5432/forewarn)");
      return 2;
    }
    LOG.info("starting with {}", config);
    var dataSource = Database.pool(config.service().dbUrl(), config.service().dbPoolSize(), "notifier");
    Database.migrate(dataSource);
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try {
      new NotifierService(vertx, config, dataSource, Clock.systemUTC(), registry, true).start()
          .onFailure(e -> {
            LOG.error("notifier failed to start", e);
            vertx.close().onComplete(x -> System.exit(1));
          });
    } catch (TemplateCheckException e) {
      err.println("templates: " + e.getMessage());
      vertx.close();
      dataSource.close();
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      dataSource.close();
    }, "notifier-shutdown"));
    return -1;
  }
}
