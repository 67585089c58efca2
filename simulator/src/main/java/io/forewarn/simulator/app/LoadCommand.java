package io.forewarn.simulator.app;

import io.forewarn.common.credentials.ServiceAccount;
import io.forewarn.simulator.load.LoadConfig;
import io.forewarn.simulator.load.LoadGenerator;
import io.forewarn.simulator.load.RateStep;
import io.forewarn.simulator.load.StepResult;
import io.forewarn.simulator.mqtt.MqttLogin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code load}: open-loop publishing at {@code --rate} or stepped {@code --rates a,b,c} held for
 * {@code --step} each; prints one result line per step and a table at the end. Devices share the
 * connections; with a credential key ({@code --mqtt-key-file}) they log in as the {@code load} service
 * account, else anonymously.
 */
final class LoadCommand implements Command {
  @Override
  public int run(List<String> args, Env env) throws Exception {
    CliOptions o = new CliOptions(args,
        Set.of("mqtt-uri", "rate", "rates", "step", "connections", "max-inflight", "client",
            "devices", "device-prefix", "metrics", "drain", "mqtt-key-file"),
        Set.of());
    List<Double> rates = o.doubles("rates");
    if (rates.isEmpty()) {
      rates = List.of(o.doubleValue("rate", 1000));
    }
    Duration step = o.duration("step", Duration.ofSeconds(60));
    List<RateStep> steps = new ArrayList<>();
    LoadConfig config = null;
    Path keyFile = env.mqttKeyFile(o);
    MqttLogin login = keyFile == null ? null : BrokerLogins.from(keyFile).service(ServiceAccount.LOAD);
    try {
      for (double r : rates) {
        steps.add(new RateStep(r, step));
      }
      config = new LoadConfig(env.mqttUri(o), steps, o.intValue("connections", LoadConfig.DEFAULT_CONNECTIONS),
          o.intValue("max-inflight", LoadConfig.DEFAULT_MAX_IN_FLIGHT),
          o.intValue("devices", LoadConfig.DEFAULT_DEVICES),
          o.string("device-prefix", "load"), o.intValue("metrics", LoadConfig.DEFAULT_METRICS),
          o.duration("drain", LoadConfig.DEFAULT_DRAIN),
          client(o.string("client", "paho")), login);
    } catch (IllegalArgumentException e) {
      o.problem(e.getMessage());
    }
    o.check();
    env.out().printf(Locale.ROOT,
        "load: %d step(s) of %s, %d connections (%s), %d devices, %d metrics/message, QoS 1%n",
        steps.size(), Progress.human(step), config.connections(),
        login == null ? "anonymous" : "as " + login.username(),
        config.devices(), config.metricsPerMessage());
    List<StepResult> results = new LoadGenerator(config, env.clock())
        .run(env.stop(), r -> env.out().println(r.describe()));
    env.out().println("target/s  scheduled      sent     acked  failed  behind  achieved/s  p50 ms  p99 ms");
    long failed = 0;
    for (StepResult r : results) {
      failed += r.failed();
      env.out().printf(Locale.ROOT, "%8.0f %10d %9d %9d %7d %7d %11.0f %7.2f %7.2f%n", r.targetRate(), r.scheduled(),
          r.sent(), r.acked(), r.failed(), r.behindSchedule(), r.achievedRate(), r.ackP50Micros() / 1000.0,
          r.ackP99Micros() / 1000.0);
    }
    return failed == 0 && !env.stop().get() ? 0 : 1;
  }

  private static io.forewarn.simulator.load.LoadClient client(String name) {
    for (var c : io.forewarn.simulator.load.LoadClient.values()) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("--client must be paho or lean, not '" + name + "'");
  }
}
