package io.forewarn.simulator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CliOptionsTest {

  @Test
  void reads_values_flags_and_durations_in_every_accepted_form() {
    CliOptions o = new CliOptions(List.of("--speed", "720", "--span=30d", "--step", "120s", "--interval", "PT5M",
        "--replace", "--rates", "5000, 10000"), Set.of("speed", "span", "step", "interval", "rates"),
        Set.of("replace"));
    assertThat(o.doubleValue("speed", 1)).isEqualTo(720);
    assertThat(o.duration("span", null)).isEqualTo(Duration.ofDays(30));
    assertThat(o.duration("step", null)).isEqualTo(Duration.ofSeconds(120));
    assertThat(o.duration("interval", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.flag("replace")).isTrue();
    assertThat(o.doubles("rates")).containsExactly(5000.0, 10000.0);
    assertThat(CliOptions.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(CliOptions.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
    o.check();
  }

  @Test
  void lists_every_problem_at_once() {
    // GIVEN an unknown option, a bad number and a bad duration
    CliOptions o = new CliOptions(List.of("--bogus", "1", "--devices", "many", "--span", "soon"),
        Set.of("devices", "span"), Set.of());
    o.intValue("devices", 10);
    o.duration("span", Duration.ZERO);
    // THEN check() names all of them in one message
    assertThatThrownBy(o::check).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --bogus")
        .hasMessageContaining("--devices must be a whole number")
        .hasMessageContaining("--span must be a duration");
  }
}
