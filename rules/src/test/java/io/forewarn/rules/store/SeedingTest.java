package io.forewarn.rules.store;

import static io.forewarn.rules.store.RuleFile.Origin.FILE;
import static io.forewarn.rules.store.RuleFile.Origin.JAR;
import static io.forewarn.rules.store.Seeding.Action.ACTIVATE;
import static io.forewarn.rules.store.Seeding.Action.KEEP;
import static io.forewarn.rules.store.Seeding.Action.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedingTest {

  @Test
  void the_first_start_activates_whichever_file_the_service_has() {
    assertThat(Seeding.decide(true, false, JAR, false)).isEqualTo(ACTIVATE);
    assertThat(Seeding.decide(true, false, FILE, false)).isEqualTo(ACTIVATE);
  }

  @Test
  void a_restart_with_a_stored_version_never_undoes_an_activation_or_rollback() {
    assertThat(Seeding.decide(false, true, FILE, false)).isEqualTo(KEEP);
    assertThat(Seeding.decide(false, true, JAR, true)).isEqualTo(KEEP);
  }

  @Test
  void a_new_version_of_a_named_file_is_deployed() {
    assertThat(Seeding.decide(false, false, FILE, false)).isEqualTo(ACTIVATE);
  }

  @Test
  void a_new_shipped_version_follows_the_jar_only_until_someone_chose_a_rule_set() {
    // GIVEN the active rules are the jar's, activated by the service itself THEN a newer jar's rules replace them
    assertThat(Seeding.decide(false, false, JAR, true)).isEqualTo(ACTIVATE);
    // GIVEN someone activated (or rolled back to) a rule set THEN the newer jar's rules are only stored
    assertThat(Seeding.decide(false, false, JAR, false)).isEqualTo(STORE);
  }
}
