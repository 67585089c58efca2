package io.forewarn.rules.store;

/**
 * When the service's rule file (FOREWARN_RULES_FILE, else the one in the rules jar) goes into the
 * database at start. The database holds the active rule set; the file only seeds it:
 * <ul>
 *   <li>no activation yet: the file is stored and activated (first start);</li>
 *   <li>its version is stored already: nothing, so a restart never undoes what the API activated or
 *       rolled back;</li>
 *   <li>a new version of a FOREWARN_RULES_FILE: stored and activated (deploying a file works as before);</li>
 *   <li>a new version shipped in the jar: activated only while the active rules are the jar's, put there by
 *       the service itself; once someone chose a rule set, it is stored for them to activate, not forced.</li>
 * </ul>
 */
final class Seeding {
  enum Action { KEEP, STORE, ACTIVATE }

  private Seeding() {}

  /**
   * @param noActivation   rule_set_activations is empty
   * @param versionStored  the file's version is in rule_sets
   * @param untouchedJar   the newest activation is the service's own, of a rule set from the jar
   */
  static Action decide(boolean noActivation, boolean versionStored, RuleFile.Origin origin, boolean untouchedJar) {
    if (noActivation) {
      return Action.ACTIVATE;
    }
    if (versionStored) {
      return Action.KEEP;
    }
    return origin == RuleFile.Origin.FILE || untouchedJar ? Action.ACTIVATE : Action.STORE;
  }

  static String reason(Action action, RuleFile.Origin origin, boolean noActivation) {
    String what = origin == RuleFile.Origin.FILE ? "FOREWARN_RULES_FILE" : "the rules jar's default";
    if (noActivation) {
      return "first start: " + what;
    }
    return action == Action.ACTIVATE ? "new version of " + what + " at start" : "new version of " + what
        + ", not activated: the active rules were chosen by someone";
  }
}
