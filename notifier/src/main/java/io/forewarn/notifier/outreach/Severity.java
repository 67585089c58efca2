package io.forewarn.notifier.outreach;

/** How bad an incident is; declared from least to most severe so {@code compareTo} orders them. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
