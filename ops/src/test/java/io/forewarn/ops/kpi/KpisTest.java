package io.forewarn.ops.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpisTest {
  private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void npsIsPromotersMinusDetractorsInPercent() {
    // GIVEN 2 promoters (9, 10), 1 passive (8), 1 detractor (6)
    // THEN NPS = 50 % - 25 % = 25
    assertThat(Kpis.nps(List.of(9, 10, 8, 6)).getAsDouble()).isEqualTo(25.0);
    assertThat(Kpis.nps(List.of(0, 3)).getAsDouble()).isEqualTo(-100.0);
    assertThat(Kpis.nps(List.of())).isEmpty();
  }

  @Test
  void csatCountsFourAndFiveAsSatisfied() {
    assertThat(Kpis.csatPercent(List.of(5, 4, 3, 1)).getAsDouble()).isEqualTo(50.0);
    assertThat(Kpis.mean(List.of(5, 4, 3, 1)).getAsDouble()).isEqualTo(3.25);
  }

  @Test
  void reachedFirstNeedsAMessageBeforeTheCustomerWroteAndBeforeTheFailure() {
    var told = new Kpis.IncidentFacts(T, null, T.plusSeconds(3600));
    var customerWroteFirst = new Kpis.IncidentFacts(T, T.minusSeconds(60), null);
    var toldAfterFailure = new Kpis.IncidentFacts(T, null, T.minusSeconds(1));
    var neverTold = new Kpis.IncidentFacts(null, null, T);
    assertThat(told.reachedFirst()).isTrue();
    assertThat(customerWroteFirst.reachedFirst()).isFalse();
    assertThat(toldAfterFailure.reachedFirst()).isFalse();
    assertThat(neverTold.reachedFirst()).isFalse();
    assertThat(Kpis.reachedFirstShare(List.of(told, customerWroteFirst, toldAfterFailure, neverTold)).getAsDouble())
        .isEqualTo(0.25);
  }

  @Test
  void medianLeadTimeIgnoresUnknownAndLateOnes() {
    var oneHour = new Kpis.IncidentFacts(T, null, T.plus(Duration.ofHours(1)));
    var threeHours = new Kpis.IncidentFacts(T, null, T.plus(Duration.ofHours(3)));
    var late = new Kpis.IncidentFacts(T, null, T.minus(Duration.ofHours(1)));
    var unknown = new Kpis.IncidentFacts(T, null, null);
    assertThat(Kpis.medianLeadTime(List.of(oneHour, threeHours, late, unknown))).isEqualTo(Duration.ofHours(2));
    assertThat(Kpis.medianLeadTime(List.of(unknown))).isNull();
  }
}
