package io.forewarn.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return NotifierMain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void options_alone_run_the_template_preview_as_forewarn_preview_does() {
    // WHEN the jar gets only preview options (what ./forewarn preview passes on)
    int status = run("--now", "2025-03-14T09:00:00Z", "--only", "device_problem/opened");
    // THEN the preview prints the messages and succeeds
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("device_problem/opened");
  }

  @Test
  void the_preview_subcommand_runs_the_preview() {
    assertThat(run("preview", "--now", "2025-03-14T09:00:00Z", "--only", "service_disruption/resolved")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("service_disruption/resolved");
  }

  @Test
  void an_unknown_subcommand_is_a_usage_error() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
  }

  @Test
  void the_service_refuses_to_start_without_a_database() {
    // GIVEN no FOREWARN_DB_URL
    // THEN the service explains what is missing instead of starting
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("FOREWARN_DB_URL");
  }
}
