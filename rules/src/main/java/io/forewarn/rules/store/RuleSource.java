package io.forewarn.rules.store;

import io.forewarn.rules.ruleset.RuleSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The rules a pipeline judges by. Called inside the cycle's transaction, under the cursor lock, so a
 * swap and what it changes (resolved incidents, dropped state) commit with the cycle or not at all.
 */
public interface RuleSource {
  /** What {@link #check} found. */
  sealed interface Check {
    /** Nothing new (or the newest activation was refused already). */
    record Unchanged() implements Check {}

    /** A newer rule set to swap in, from activation {@code activation}. */
    record Applied(RuleSet rules, long activation) implements Check {}

    /** A newer activation whose content is not a valid rule file: the running rules stay. */
    record Refused(long activation, String version, List<String> problems) implements Check {
      public Refused {
        problems = List.copyOf(problems);
      }
    }
  }

  /** The rules to build a fresh engine with (at start, and after a failed cycle). */
  RuleSet atLoad(Connection c) throws SQLException;

  /** At the start of every other cycle: a newer rule set to swap in, or why not. */
  Check check(Connection c) throws SQLException;

  /** The activation whose rule set runs (rule_set_activations.id), 0 when the rules are not from the database. */
  long activation();

  /** Always the same rules: tests and one-off runs. */
  static RuleSource fixed(RuleSet rules) {
    return new RuleSource() {
      @Override
      public RuleSet atLoad(Connection c) {
        return rules;
      }

      @Override
      public Check check(Connection c) {
        return new Check.Unchanged();
      }

      @Override
      public long activation() {
        return 0;
      }
    };
  }
}
