package io.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaults_are_the_documented_run() {
    BenchOptions o = BenchOptions.parse(new String[0]);
    assertThat(o.rates()).containsExactly(5_000, 10_000, 15_000, 20_000);
    assertThat(o.stepSeconds()).isEqualTo(120);
    assertThat(o.gateways()).isEqualTo(1);
  }

  @Test
  void help_is_a_request_for_the_usage_not_a_run_with_defaults() {
    // A --help that ran the ten-minute benchmark and overwrote docs/benchmarks.md is why this exists.
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--help"})).isInstanceOf(OptionArgs.HelpRequested.class);
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "1000", "-h"}))
        .isInstanceOf(OptionArgs.HelpRequested.class);
  }

  @Test
  void lists_every_problem_at_once() {
    // GIVEN an unknown option, a value-less option, a bad number and a bad rate
    String[] args = {"--gatways", "2", "--rates", "1000,lots", "--devices", "many", "--report"};
    // THEN one error names all four
    assertThatThrownBy(() -> BenchOptions.parse(args))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --gatways")
        .hasMessageContaining("--rates must be whole numbers")
        .hasMessageContaining("--devices must be a whole number, got 'many'")
        .hasMessageContaining("expected --option value, got '--report'");
  }
}
