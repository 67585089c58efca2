package io.forewarn.rules.store;

import io.forewarn.rules.ruleset.RuleFileException;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.forewarn.rules.ruleset.RuleSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active rule set in the database (migration V20), as the service runs it. At load it stores its
 * rule file when that is due ({@link Seeding}) and takes the newest activation whose content is a
 * valid rule file; between cycles it picks up a newer activation, or refuses it (problems logged and
 * recorded in the activation row) and keeps the rules it runs. Content is checked by the same
 * {@link RuleFileLoader} as a file ({@link RuleFileLoader#parseStored}: its version must be the row's).
 */
public final class ActiveRuleSet implements RuleSource {
  /** How the service signs what it writes to rule_sets and rule_set_activations. */
  static final String ACTOR = "rules-service";
  private static final Logger LOG = LoggerFactory.getLogger(ActiveRuleSet.class);
  /** How far back a load looks for a valid rule set when the newest activations are not. */
  private static final int WALK_BACK = 50;

  private final RuleFileLoader loader;
  private final RuleFile file;
  private volatile long running;
  private long refused;

  public ActiveRuleSet(RuleFileLoader loader, RuleFile file) {
    this.loader = loader;
    this.file = file;
  }

  @Override
  public RuleSet atLoad(Connection c) throws SQLException {
    seed(c);
    for (RuleSetRows.Stored s : RuleSetRows.newestFirst(c, WALK_BACK)) {
      Parsed p = parse(c, s);
      if (p.rules() != null) {
        running = s.activation();
        RuleSetRows.applied(c, running);
        return p.rules();
      }
    }
    throw new IllegalStateException("none of the newest " + WALK_BACK + " rule set activations holds a valid rule"
        + " file (see the refusals logged above); activate a valid one");
  }

  @Override
  public Check check(Connection c) throws SQLException {
    long head = RuleSetRows.headId(c);
    if (head == 0 || head == running || head == refused) {
      return new Check.Unchanged();
    }
    RuleSetRows.Stored s = RuleSetRows.activation(c, head).orElseThrow(() -> new SQLException("activation " + head
        + " vanished"));
    Parsed p = parse(c, s);
    if (p.rules() == null) {
      return new Check.Refused(head, s.version(), p.problems());
    }
    running = head;
    RuleSetRows.applied(c, head);
    LOG.info("rule set {} (activation {}, by {}) swapped in", s.version(), head, s.activatedBy());
    return new Check.Applied(p.rules(), head);
  }

  @Override
  public long activation() {
    return running;
  }

  /** A stored rule set read: its rules, or (rules null) what is wrong with it. */
  private record Parsed(RuleSet rules, List<String> problems) {}

  /**
   * Reads a stored rule set with the loader; its version must be its row's. One that does not pass is
   * refused: logged once, and recorded in its activation row.
   */
  private Parsed parse(Connection c, RuleSetRows.Stored s) throws SQLException {
    List<String> problems;
    try {
      return new Parsed(loader.parseStored(s.content(), s.version()), List.of());
    } catch (RuleFileException e) {
      problems = e.problems();
    } catch (RuntimeException e) {
      problems = List.of(String.valueOf(e.getMessage()));
    }
    if (s.activation() > refused) {
      refused = s.activation();
      LOG.error("rule set {} (activation {}, by {}) refused, the rules running stay active; {} problem(s):\n  - {}",
          s.version(), s.activation(), s.activatedBy(), problems.size(), String.join("\n  - ", problems));
    }
    RuleSetRows.refused(c, s.activation(), problems);
    return new Parsed(null, problems);
  }

  /** Stores (and maybe activates) the service's rule file, as {@link Seeding} decides. */
  private void seed(Connection c) throws SQLException {
    Optional<RuleSetRows.Stored> head = RuleSetRows.newestFirst(c, 1).stream().findFirst();
    String version = file.rules().version();
    Optional<String> stored = RuleSetRows.contentOf(c, version);
    boolean untouchedJar = head.isPresent() && "jar".equals(head.get().origin())
        && ACTOR.equals(head.get().activatedBy());
    Seeding.Action action = Seeding.decide(head.isEmpty(), stored.isPresent(), file.origin(), untouchedJar);
    switch (action) {
      case KEEP -> {
        if (!stored.orElseThrow().equals(file.text())) {
          LOG.warn("{} has version {}, which is stored with other content; the stored rule set stays. Give the file"
              + " a new version to deploy it", file.source(), version);
        }
      }
      case STORE -> {
        RuleSetRows.insert(c, file, ACTOR, Seeding.reason(action, file.origin(), head.isEmpty()));
        LOG.warn("rule set {} from {} stored but not activated: the active rule set {} was chosen by {}. Activate it"
            + " through the ops API to use it", version, file.source(), head.orElseThrow().version(),
            head.orElseThrow().activatedBy());
      }
      case ACTIVATE -> {
        String reason = Seeding.reason(action, file.origin(), head.isEmpty());
        long id = stored.isPresent() ? RuleSetRows.ruleSetId(c, version) : RuleSetRows.insert(c, file, ACTOR, reason);
        long activation = RuleSetRows.activate(c, id, head.map(RuleSetRows.Stored::activation).orElse(null), ACTOR,
            reason);
        LOG.info("rule set {} from {} stored and activated (activation {}): {}", version, file.source(), activation,
            reason);
      }
    }
  }
}
