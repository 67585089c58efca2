package io.forewarn.ops.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The outreach KPIs, computed from plain facts so the definitions are testable without a database
 * (docs/api.md states them for people).
 */
public final class Kpis {
  private Kpis() {}

  /**
   * One customer incident: when we first got a message out to the customer, when the customer first
   * wrote to us, and when the failure was predicted. Any may be null.
   */
  public record IncidentFacts(Instant firstSent, Instant firstInbound, Instant predictedFailure) {
    /**
     * We reached the customer first when a message went out before the customer wrote to us and
     * before the predicted failure.
     */
    public boolean reachedFirst() {
      return firstSent != null && (firstInbound == null || firstSent.isBefore(firstInbound))
          && (predictedFailure == null || firstSent.isBefore(predictedFailure));
    }

    /** How long before the predicted failure the customer was told; null when not both known. */
    public Duration leadTime() {
      return firstSent == null || predictedFailure == null ? null : Duration.between(firstSent, predictedFailure);
    }
  }

  /** Share of incidents reached first, in [0, 1]; empty when there are none. */
  public static OptionalDouble reachedFirstShare(List<IncidentFacts> incidents) {
    if (incidents.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble
        .of((double) incidents.stream().filter(IncidentFacts::reachedFirst).count() / incidents.size());
  }

  /** Median of the positive lead times; null when there are none. */
  public static Duration medianLeadTime(List<IncidentFacts> incidents) {
    List<Duration> leads = new ArrayList<>();
    for (IncidentFacts f : incidents) {
      Duration d = f.leadTime();
      if (d != null && !d.isNegative()) {
        leads.add(d);
      }
    }
    if (leads.isEmpty()) {
      return null;
    }
    Collections.sort(leads);
    int n = leads.size();
    return n % 2 == 1 ? leads.get(n / 2) : leads.get(n / 2 - 1).plus(leads.get(n / 2)).dividedBy(2);
  }

  /** NPS on 0-10 answers: % promoters (9-10) minus % detractors (0-6), from -100 to 100. */
  public static OptionalDouble nps(List<Integer> scores) {
    if (scores.isEmpty()) {
      return OptionalDouble.empty();
    }
    long promoters = scores.stream().filter(s -> s >= 9).count();
    long detractors = scores.stream().filter(s -> s <= 6).count();
    return OptionalDouble.of(100.0 * (promoters - detractors) / scores.size());
  }

  /** CSAT on 1-5 answers: share of satisfied answers (4 or 5), as a percentage. */
  public static OptionalDouble csatPercent(List<Integer> scores) {
    if (scores.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(100.0 * scores.stream().filter(s -> s >= 4).count() / scores.size());
  }

  public static OptionalDouble mean(List<Integer> scores) {
    return scores.stream().mapToInt(Integer::intValue).average();
  }
}
