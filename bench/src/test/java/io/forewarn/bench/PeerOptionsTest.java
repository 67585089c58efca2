package io.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerOptionsTest {
  @Test
  void defaults_run_every_system_with_two_minute_steps() {
    PeerOptions o = PeerOptions.parse(new String[0]);
    assertThat(o.systems()).containsExactly("copy", "reference", "nodered-batch", "nodered-single", "forewarn",
        "forewarn2");
    assertThat(o.stepSeconds()).isEqualTo(120);
    assertThat(o.latencySteps()).isTrue();
  }

  @Test
  void selects_systems_and_rates_and_records_the_exact_command() {
    PeerOptions o = PeerOptions.parse(new String[] {"--systems", "forewarn,nodered-batch", "--rates", "1000, 3000"});
    assertThat(o.systems()).containsExactly("forewarn", "nodered-batch");
    assertThat(o.rates()).containsExactly(1000, 3000);
    assertThat(o.command()).isEqualTo("./forewarn bench-peers --systems forewarn,nodered-batch --rates 1000, 3000");
  }

  @Test
  void lists_every_problem_at_once() {
    // GIVEN an unknown system, a bad rate, a negative step and an unknown option
    String[] args = {"--systems", "forewarn,kafka", "--rates", "1000,fast", "--step-seconds", "-5", "--colour", "red"};
    // THEN one error names all four
    assertThatThrownBy(() -> PeerOptions.parse(args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown system 'kafka'")
        .hasMessageContaining("--rates must be whole numbers")
        .hasMessageContaining("--step-seconds must be positive")
        .hasMessageContaining("unknown option --colour");
  }
}
