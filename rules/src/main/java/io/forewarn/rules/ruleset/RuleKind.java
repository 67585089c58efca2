package io.forewarn.rules.ruleset;

/** The {@code kind} of a rule in the rule file. */
enum RuleKind {
  THRESHOLD, FORECAST, DRIFT, SEASONAL_DRIFT, INCREASE, NO_DATA
}
