package io.forewarn.notifier.outreach;

import java.time.Duration;
import java.util.Objects;

/**
 * A "plus one" we add to the closing message when a kind of incident affected the customer for
 * at least {@code minImpact}, e.g. a day's service credit after a disruption longer than 4 hours.
 * {@code gestureKey} names the phrase ({@code gesture.<key>}); whoever applies the credit reads
 * the same key from the plan.
 */
public record GestureRule(IncidentKind kind, Duration minImpact, String gestureKey) {
  public GestureRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(minImpact, "minImpact");
    if (minImpact.isNegative()) {
      throw new IllegalArgumentException("minimum impact must not be negative: " + minImpact);
    }
    if (gestureKey == null || !ProblemSummary.KEY.matcher(gestureKey).matches()) {
      throw new IllegalArgumentException("gesture key must be lower_snake_case, was " + gestureKey);
    }
  }

  public boolean appliesTo(IncidentNotice notice) {
    return notice.kind() == kind
        && notice.resolution() != null
        && notice.resolution().impact().compareTo(minImpact) >= 0;
  }
}
