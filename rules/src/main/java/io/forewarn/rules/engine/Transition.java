package io.forewarn.rules.engine;

/**
 * One incident change, in the order the store must apply them.
 *
 * @param type     OPENED (fired: inserted as firing), RESOLVED, ABSORBED (parent set), UPDATED (details
 *                 changed, e.g. a disruption's affected devices), RELEASED (its suppression ended while it fires)
 * @param tell     true when the notifier must hear of it (outbox row); false while suppressed or absorbed
 * @param reason   why, when it is not the data: {@link #RULE_REMOVED}; null otherwise
 */
public record Transition(Type type, Incident incident, boolean tell, String reason) {
  public enum Type { OPENED, RESOLVED, ABSORBED, UPDATED, RELEASED }

  /** Resolved because its rule is not in the rule set any more (docs/rules.md "Rule sets"). */
  public static final String RULE_REMOVED = "rule_removed";

  public Transition(Type type, Incident incident, boolean tell) {
    this(type, incident, tell, null);
  }
}
