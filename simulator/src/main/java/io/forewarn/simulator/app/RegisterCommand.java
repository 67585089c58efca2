package io.forewarn.simulator.app;

import io.forewarn.simulator.fleet.Fleet;
import java.util.List;
import java.util.Set;

/**
 * {@code register}: puts the fleet's customers, devices and metric names in the registry and exits,
 * so credentials can be provisioned for it ({@code forewarn-gateway mqtt-credentials}) before the
 * devices first log in. The same upsert every simulating mode does first, so it is idempotent.
 */
final class RegisterCommand implements Command {
  @Override
  public int run(List<String> args, Env env) throws Exception {
    CliOptions o = new CliOptions(args, Set.of("seed", "devices", "db-url"), Set.of());
    Scenario scenario = new Scenario(o, 1000, args);
    o.check();
    Fleet fleet = scenario.fleet();
    try (TruthRecorder truth = new TruthRecorder(env.dbUrl(o), 2, env.out())) {
      truth.register(fleet);
    }
    return 0;
  }
}
