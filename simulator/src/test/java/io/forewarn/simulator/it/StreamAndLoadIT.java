package io.forewarn.simulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.testing.TestMosquitto;
import io.forewarn.simulator.load.LoadConfig;
import io.forewarn.simulator.load.LoadGenerator;
import io.forewarn.simulator.load.RateStep;
import io.forewarn.simulator.load.StepResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.forewarn.simulator.load.LoadClient;
import org.junit.jupiter.api.io.TempDir;

class StreamAndLoadIT {
  private static TestMosquitto broker;

  @BeforeAll
  static void startBroker() {
    broker = TestMosquitto.start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void accelerated_run_publishes_every_reported_sample_in_the_gateways_format(@TempDir Path dir) throws Exception {
    try (Subscriber sub = new Subscriber(broker.uri())) {
      // GIVEN 40 devices over the last 6 hours at 3600x (about 6 s of wall time)
      Cli cli = Cli.run("accelerated", "--devices", "40", "--span", "6h", "--speed", "3600", "--seed", "9",
          "--mqtt-uri", broker.uri(), "--no-db", "--truth-file", dir.resolve("t.json").toString(), "--progress", "1s");
      assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
      long published = cli.number("telemetry (\\d+)");
      long statuses = cli.number("status (\\d+)");
      assertThat(published).isGreaterThan(40L * 6 * 6 * 8 / 10);
      // THEN the broker delivered exactly that many telemetry messages, each accepted by the decoder
      sub.awaitTelemetry(published, Duration.ofSeconds(10));
      assertThat(sub.telemetry.get()).isEqualTo(published);
      assertThat(sub.rejected.get()).isZero();
      assertThat(sub.deviceTs).hasSize((int) published);
      assertThat(statuses).isGreaterThanOrEqualTo(40);
      assertThat(cli.out()).contains("acked " + (published + statuses)).contains("failed 0");
    }
  }

  @ParameterizedTest
  @EnumSource(LoadClient.class)
  void load_generator_meets_a_modest_rate_with_unique_device_timestamps(LoadClient client) throws Exception {
    try (Subscriber sub = new Subscriber(broker.uri())) {
      // GIVEN two steps of 1.5 s at 400 and 800 msg/s over 3 connections
      LoadConfig config = new LoadConfig(broker.uri(), List.of(new RateStep(400, Duration.ofMillis(1500)),
          new RateStep(800, Duration.ofMillis(1500))), 3, 50, 90, "it-load-" + client.name().toLowerCase(), 10,
          Duration.ofSeconds(5), client);
      // WHEN the load runs
      List<StepResult> steps = new LoadGenerator(config, Clock.systemUTC()).run(new AtomicBoolean(), s -> {});
      // THEN each step sent its schedule, every message was acknowledged, none failed
      assertThat(steps).hasSize(2);
      for (StepResult s : steps) {
        assertThat(s.scheduled()).isBetween((long) (s.targetRate() * 1.5) - 3, (long) (s.targetRate() * 1.5));
        assertThat(s.sent()).isEqualTo(s.scheduled());
        assertThat(s.acked()).isEqualTo(s.sent());
        assertThat(s.failed()).isZero();
        assertThat(s.behindSchedule()).isZero();
        assertThat(s.achievedRate()).isGreaterThan(s.targetRate() * 0.8);
      }
      long total = steps.stream().mapToLong(StepResult::acked).sum();
      // AND the subscriber got them all, each (device, ts) distinct
      sub.awaitTelemetry(total, Duration.ofSeconds(10));
      assertThat(sub.telemetry.get()).isEqualTo(total);
      assertThat(sub.deviceTs).hasSize((int) total);
    }
  }
}
