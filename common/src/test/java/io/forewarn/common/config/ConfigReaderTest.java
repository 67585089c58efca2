package io.forewarn.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  enum Mode { AUTO_REGISTER, REJECT }

  @Test
  void reads_typed_values_and_defaults() {
    ConfigReader r = new ConfigReader(Map.of("N", "42", "D", "250ms", "B", "yes", "M", "reject"));
    assertThat(r.integer("N", 1, 0, 100)).isEqualTo(42);
    assertThat(r.integer("MISSING", 7, 0, 100)).isEqualTo(7);
    assertThat(r.duration("D", Duration.ZERO, Duration.ZERO, Duration.ofDays(1))).isEqualTo(Duration.ofMillis(250));
    assertThat(r.bool("B", false)).isTrue();
    assertThat(r.choice("M", Mode.class, Mode.AUTO_REGISTER)).isEqualTo(Mode.REJECT);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void parses_all_duration_forms() {
    assertThat(ConfigReader.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigReader.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(ConfigReader.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(ConfigReader.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(ConfigReader.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThat(ConfigReader.parseDuration("soon")).isNull();
  }

  @Test
  void lists_every_problem_at_once() {
    // GIVEN four bad values
    ConfigReader r = new ConfigReader(Map.of("N", "many", "D", "later", "B", "perhaps", "U", "ftp://x"));
    r.integer("N", 1, 0, 10);
    r.duration("D", Duration.ZERO, Duration.ZERO, Duration.ofDays(1));
    r.bool("B", false);
    r.uri("U", null, Set.of("tcp"));
    r.required("REQ", "example");
    // WHEN validated
    // THEN one exception names all five
    assertThatThrownBy(() -> r.throwIfInvalid("Test"))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).hasSize(5))
        .hasMessageContaining("N=many").hasMessageContaining("D=later").hasMessageContaining("B=perhaps")
        .hasMessageContaining("U=").hasMessageContaining("REQ is required");
  }

  @Test
  void rejects_out_of_range_numbers() {
    ConfigReader r = new ConfigReader(Map.of("N", "0"));
    assertThat(r.integer("N", 5, 1, 10)).isEqualTo(5);
    assertThat(r.problems()).singleElement().asString().contains("out of range");
  }

  @Test
  void masks_passwords_in_uris() {
    assertThat(Secrets.maskUri("postgresql://u:secret@h:5432/db")).isEqualTo("postgresql://u:****@h:5432/db");
    assertThat(Secrets.maskUri("jdbc:postgresql://h/db?user=u&password=secret"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=****");
  }
}
