package io.forewarn.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** The gateway-side faults of the reliability suite (docs/reliability.md). */
final class Faults {
  /** The slow-database case: a lock held 20 s (the full form's 30 s outage is for stopped services). */
  private static final java.time.Duration LOCK_HELD_AT_MOST = java.time.Duration.ofSeconds(20);

  private Faults() {}

  static List<FaultScenario> all() {
    return List.of(gatewayKilled(), oneOfTwoGatewaysKilled(), postgresStopped(), mosquittoRestarted(), tableLocked());
  }

  static FaultScenario gatewayKilled() {
    return scenario("gateway killed (SIGKILL) and restarted", "kill -9 mid-stream, restart after 3 s", 1, ctx -> {
      ctx.kill(0);
      Thread.sleep(3_000);
      ctx.start(0);
      return Instant.now();
    });
  }

  static FaultScenario oneOfTwoGatewaysKilled() {
    return scenario("two gateways, one killed", "shared subscription; kill -9 one, restart it after the outage", 2,
        ctx -> {
          ctx.kill(1);
          Thread.sleep(ctx.outage.toMillis());
          ctx.start(1);
          return Instant.now();
        });
  }

  static FaultScenario postgresStopped() {
    return scenario("PostgreSQL stopped and started", "pg_ctlcluster stop -m fast on the test cluster for the outage",
        1,
        ctx -> {
          FaultContext.cluster("stop");
          Thread.sleep(ctx.outage.toMillis());
          FaultContext.cluster("start");
          return Instant.now();
        });
  }

  static FaultScenario mosquittoRestarted() {
    return scenario("Mosquitto restarted", "graceful restart (SIGTERM, persistence on) mid-stream", 1, ctx -> {
      ctx.broker.restart();
      return Instant.now();
    });
  }

  static FaultScenario tableLocked() {
    return scenario("slow database (table locked)", "ACCESS EXCLUSIVE lock on telemetry held for the outage, at most"
        + " " + LOCK_HELD_AT_MOST.toSeconds() + " s", 1, ctx -> {
          try (Connection c = ctx.db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("LOCK TABLE telemetry IN ACCESS EXCLUSIVE MODE");
            Thread.sleep(Math.min(ctx.outage.toMillis(), LOCK_HELD_AT_MOST.toMillis()));
            c.commit();
          }
          return Instant.now();
        });
  }

  private interface Injection {
    Instant inject(FaultContext ctx) throws Exception;
  }

  private static FaultScenario scenario(String name, String fault, int gateways, Injection injection) {
    return new FaultScenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String fault() {
        return fault;
      }

      @Override
      public int gateways() {
        return gateways;
      }

      @Override
      public Instant inject(FaultContext ctx) throws Exception {
        return injection.inject(ctx);
      }
    };
  }
}
