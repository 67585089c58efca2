package io.forewarn.rules.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.common.config.InvalidConfigException;
import io.forewarn.rules.store.EvaluationClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesConfigTest {
  @Test
  void uses_defaults_when_only_the_database_is_given() {
    RulesConfig c = RulesConfig.fromEnv(Map.of("FOREWARN_DB_URL", "postgresql://x@h/db"));
    assertThat(c.httpPort()).isEqualTo(8082);
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.cursorName()).isEqualTo("rules");
    assertThat(c.includeHistory()).isFalse();
    assertThat(c.clock()).isEqualTo(EvaluationClock.Mode.WALL); // production judges silence by the wall clock
  }

  @Test
  void data_clock_is_chosen_for_replayed_or_accelerated_data() {
    RulesConfig c = RulesConfig
        .fromEnv(Map.of("FOREWARN_DB_URI", "postgresql://x@h/db", "FOREWARN_RULES_CLOCK", "data"));
    assertThat(c.clock()).isEqualTo(EvaluationClock.Mode.DATA);
  }

  @Test
  void reads_the_database_from_the_shared_variable_and_still_from_its_earlier_name() {
    assertThat(RulesConfig.fromEnv(Map.of("FOREWARN_DB_URL", "postgresql://x@h/a")).dbUri())
        .isEqualTo("postgresql://x@h/a");
    assertThat(RulesConfig.fromEnv(Map.of("FOREWARN_DB_URI", "postgresql://x@h/b")).dbUri())
        .isEqualTo("postgresql://x@h/b");
    // Both given: the shared name wins.
    assertThat(RulesConfig.fromEnv(Map.of("FOREWARN_DB_URL", "postgresql://x@h/a", "FOREWARN_DB_URI",
        "postgresql://x@h/b")).dbUri()).isEqualTo("postgresql://x@h/a");
  }

  @Test
  void lists_every_problem_at_once() {
    // GIVEN no database, a bad port, a poll above one second, a bad cursor name and an unknown clock
    Map<String, String> env = Map.of("FOREWARN_RULES_HTTP_PORT", "70000", "FOREWARN_RULES_POLL", "5s",
        "FOREWARN_RULES_CURSOR", "Rules!", "FOREWARN_RULES_CLOCK", "sundial");
    // THEN all five are reported together, the clock one naming the allowed values
    assertThatThrownBy(() -> RulesConfig.fromEnv(env)).isInstanceOfSatisfying(InvalidConfigException.class,
        e -> assertThat(e.problems()).hasSize(5)
            .anySatisfy(p -> assertThat(p).contains("FOREWARN_DB_URL"))
            .anySatisfy(p -> assertThat(p).contains("FOREWARN_RULES_CLOCK=sundial").contains("[wall, data]")));
  }
}
