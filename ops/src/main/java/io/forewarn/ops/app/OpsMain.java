package io.forewarn.ops.app;

import io.forewarn.common.config.ConfigSources;
import io.forewarn.common.config.InvalidConfigException;
import io.forewarn.common.db.Database;
import io.forewarn.ops.rulefile.RuleFiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops jar's entry point. No arguments: run the service. {@code token ...}: create a tenant
 * and/or an API token from the command line (how the first admin token comes to exist).
 */
public final class OpsMain {
  private static final Logger LOG = LoggerFactory.getLogger(OpsMain.class);

  private OpsMain() {}

  public static void main(String[] args) {
    int status = run(args, System.getenv(), System.out, System.err);
    if (status >= 0) {
      System.exit(status);
    }
  }

  /**
   * The demo's SMS and helpdesk stand-ins (FOREWARN_DEMO_SINKS_PORT, FOREWARN_DEMO_DIR,
   * FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN, FOREWARN_DEMO_NOTIFIER_URL); only ./forewarn demo runs this.
   */
  private static int demoSinks(Map<String, String> env, PrintStream err) {
    io.forewarn.common.config.ConfigReader r = new io.forewarn.common.config.ConfigReader(env);
    int port = r.integer("FOREWARN_DEMO_SINKS_PORT", 8090, 1, 65535);
    String dir = r.required("FOREWARN_DEMO_DIR", "target/demo");
    String token = r.required("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN", "demo-auth-token");
    String notifier = r.required("FOREWARN_DEMO_NOTIFIER_URL", "http://127.0.0.1:8083");
    try {
      r.throwIfInvalid("demo-sinks");
    } catch (InvalidConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(new io.forewarn.ops.demo.DemoSinks(new io.forewarn.ops.demo.DemoSinks.Settings(port,
        java.nio.file.Path.of(dir), token, notifier), Clock.systemUTC())).onFailure(e -> {
          LOG.error("demo sinks failed to start", e);
          vertx.close().onComplete(x -> System.exit(1));
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await(), "demo-sinks-shutdown"));
    return -1;
  }

  /** Returns an exit status, or -1 when the service keeps running. */
  static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    Map<String, String> env = ConfigSources.load(environment);
    if (args.length > 0 && args[0].equals("token")) {
      return new TokenCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length), env);
    }
    if (args.length > 0 && args[0].equals("demo-sinks")) {
      return demoSinks(env, err);
    }
    if (args.length > 0) {
      err.println(
          "usage: ops [token --tenant SLUG --role viewer|operator|admin --name NAME]   (no arguments: run the service)");
      return 2;
    }
    OpsConfig config;
    RuleFiles rules;
    try {
      config = OpsConfig.fromEnv(env);
      rules = RuleFiles.load(config.rulesFile());
    } catch (InvalidConfigException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("ops: cannot load the rule file: " + e.getMessage());
      return 2;
    }
    LOG.info("starting with {}", config);
    var dataSource = Database.pool(config.dbUrl(), config.dbPoolSize(), "ops");
    if (config.migrate()) {
      Database.migrate(dataSource);
    }
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new OpsService(vertx, config, dataSource, rules, Clock.systemUTC(), registry).start().onFailure(e -> {
      LOG.error("ops failed to start", e);
      vertx.close().onComplete(x -> System.exit(1));
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().await();
      dataSource.close();
    }, "ops-shutdown"));
    return -1;
  }
}
