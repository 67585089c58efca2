package io.forewarn.rules.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.common.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulesConfigTest {
  @Test
  void uses_defaults_when_only_the_database_is_given() {
    RulesConfig c = RulesConfig.fromEnv(Map.of("FOREWARN_DB_URI", "postgresql://x@h/db"));
    assertThat(c.httpPort()).isEqualTo(8082);
    assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.cursorName()).isEqualTo("rules");
    assertThat(c.includeHistory()).isFalse();
  }

  @Test
  void lists_every_problem_at_once() {
    // GIVEN no database, a bad port, a poll above one second and a bad cursor name
    Map<String, String> env = Map.of("FOREWARN_RULES_HTTP_PORT", "70000", "FOREWARN_RULES_POLL", "5s",
        "FOREWARN_RULES_CURSOR", "Rules!");
    // THEN all four are reported together
    assertThatThrownBy(() -> RulesConfig.fromEnv(env)).isInstanceOfSatisfying(InvalidConfigException.class,
        e -> assertThat(e.problems()).hasSize(4));
  }
}
