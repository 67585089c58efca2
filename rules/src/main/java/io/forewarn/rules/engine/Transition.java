package io.forewarn.rules.engine;

/**
 * One incident change, in the order the store must apply them.
 *
 * @param type     OPENED (fired: inserted as firing), RESOLVED, ABSORBED (parent set), UPDATED (details
 *                 changed, e.g. a disruption's affected devices), RELEASED (its suppression ended while it fires)
 * @param tell     true when the notifier must hear of it (outbox row); false while suppressed or absorbed
 */
public record Transition(Type type, Incident incident, boolean tell) {
  public enum Type { OPENED, RESOLVED, ABSORBED, UPDATED, RELEASED }
}
