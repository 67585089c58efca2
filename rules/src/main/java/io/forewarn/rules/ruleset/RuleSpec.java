package io.forewarn.rules.ruleset;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One rule for one product model, as declared in the rule file.
 *
 * @param id            unique per model, part of the incident fingerprint ({@code model/id})
 * @param metric        the metric watched; null for no_data
 * @param forDuration   the condition must hold this long before the incident fires (pending until then)
 * @param clearDuration the condition must be clear this long before the incident resolves
 * @param minFiring     an incident stays firing at least this long, whatever the data (no flapping)
 * @param summary       plain words for people; {@code {device}}, {@code {value}}, {@code {eta}} are filled in
 * @param summaryKey    the customer-facing problem ({@code problem.<key>} in the notifier's phrase books)
 * @param action        what the operator should do, in plain words
 * @param actionKey     what the customer can do ({@code action.<key>} in the phrase books), or null
 * @param fleet         true when the condition counts towards a fleet disruption (silence, degradation)
 * @param definition    what the rule judges by (kind, metric and detector settings as canonical JSON, without
 *                      the words, severity and timing): two rules with the same definition judge the same
 *                      data alike, so a rule's detector state carries over a rule set change that keeps it
 */
public record RuleSpec(
    String model,
    String id,
    String metric,
    Detector detector,
    Severity severity,
    Duration forDuration,
    Duration clearDuration,
    Duration minFiring,
    String summary,
    String summaryKey,
    String action,
    String actionKey,
    boolean fleet,
    String definition) {
  /** The notifier's key shape: a key of any other shape can never be in its phrase books. */
  public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  public RuleSpec {
    if (model == null || id == null || detector == null || severity == null || summary == null
        || summaryKey == null || action == null || definition == null) {
      throw new IllegalArgumentException(
          "model, id, detector, severity, summary, summary_key, action and definition are required");
    }
    if (!KEY.matcher(summaryKey).matches() || actionKey != null && !KEY.matcher(actionKey).matches()) {
      throw new IllegalArgumentException("summary_key and action_key must be lower_snake_case");
    }
    if (forDuration == null || clearDuration == null || minFiring == null || forDuration.isNegative()
        || clearDuration.isNegative() || minFiring.isNegative()) {
      throw new IllegalArgumentException("for, clear_for and min_firing must not be negative");
    }
  }

  /**
   * Whether its devices' residuals go into the firmware comparison when the file declares {@code fleet.cohort}:
   * a seasonal drift's residual is measured against each device's own profile, which is what the
   * comparison needs (a device's level removed).
   */
  public boolean feedsCohort() {
    return fleet && detector instanceof Detector.SeasonalDrift;
  }

  /** {@code model/id}: what the incident's rule_id and detector_state.rule_id hold. */
  public String qualifiedId() {
    return model + "/" + id;
  }
}
