package io.forewarn.gateway.app;

import io.forewarn.common.config.ConfigSources;
import io.forewarn.common.config.InvalidConfigException;
import io.forewarn.common.db.Database;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. {@code java -jar forewarn-gateway.jar} runs the gateway; {@code ... migrate} applies
 * the schema and exits; {@code ... mqtt-credentials} provisions broker credentials ({@link CredentialsCommand}).
 * Exit codes: 2 invalid configuration, 3 fatal database set-up problem.
 */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);
  private static final int EXIT_BAD_CONFIG = 2;
  private static final int EXIT_FATAL = 3;

  private GatewayMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("mqtt-credentials")) {
      System.exit(new CredentialsCommand(System.out, System.err, ConfigSources.load(System.getenv()))
          .run(Arrays.asList(args).subList(1, args.length)));
    }
    GatewayConfig config;
    try {
      config = GatewayConfig.fromEnv(ConfigSources.load(System.getenv()));
    } catch (InvalidConfigException e) {
      LOG.error(e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    }
    if (args.length > 0 && args[0].equals("migrate")) {
      try (var pool = Database.pool(config.dbUrl(), 2, "forewarn-migrate")) {
        Database.migrate(pool);
      }
      return;
    }
    LOG.info("starting gateway: {}", config.describe());
    CountDownLatch stopped = new CountDownLatch(1);
    Gateway gateway = Gateway.start(config, () -> {
      LOG.error("fatal problem: exiting with code {}", EXIT_FATAL);
      Runtime.getRuntime().halt(EXIT_FATAL);
    }).toCompletionStage().toCompletableFuture().exceptionally(e -> {
      LOG.error("gateway failed to start: {}", e.getMessage(), e);
      return null;
    }).join();
    if (gateway == null) {
      System.exit(1);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping gateway (writing and acknowledging what it holds)");
      try {
        gateway.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("unclean stop: {}", e.getMessage());
      }
      stopped.countDown();
    }, "forewarn-shutdown"));
    stopped.await();
  }
}
