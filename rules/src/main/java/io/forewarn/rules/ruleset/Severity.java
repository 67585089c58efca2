package io.forewarn.rules.ruleset;

import java.util.Locale;

/** Matches incidents.severity. */
public enum Severity {
  INFO, WARNING, HIGH, CRITICAL;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
