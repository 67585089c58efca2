package io.forewarn.ops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DownsamplingTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void shortRangesReadRawRowsInTenSecondBuckets() {
    var plan = Downsampling.plan(T0, T0.plus(Duration.ofHours(1)), null);
    assertThat(plan.source()).isEqualTo(Downsampling.Source.RAW);
    assertThat(plan.step()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void sixHoursIsStillRawButWidensTheStepToStayUnderThePointCap() {
    var plan = Downsampling.plan(T0, T0.plus(Downsampling.RAW_UP_TO), null);
    assertThat(plan.source()).isEqualTo(Downsampling.Source.RAW);
    assertThat(Downsampling.RAW_UP_TO.dividedBy(plan.step())).isLessThanOrEqualTo(Downsampling.MAX_POINTS);
  }

  @Test
  void aWeekReadsTheMinuteRollUpNeverFinerThanOneMinute() {
    var plan = Downsampling.plan(T0, T0.plus(Duration.ofDays(7)), null);
    assertThat(plan.source()).isEqualTo(Downsampling.Source.MINUTE);
    assertThat(plan.step()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aYearReadsTheHourRollUpInDailyBuckets() {
    var plan = Downsampling.plan(T0, T0.plus(Duration.ofDays(365)), null);
    assertThat(plan.source()).isEqualTo(Downsampling.Source.HOUR);
    assertThat(plan.step()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aRequestedStepIsAFloorNotACeiling() {
    assertThat(Downsampling.plan(T0, T0.plus(Duration.ofHours(1)), Duration.ofMinutes(5)).step())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(Downsampling.plan(T0, T0.plus(Duration.ofDays(7)), Duration.ofSeconds(10)).step())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void rejectsEmptyReversedAndOverlongRanges() {
    assertThatThrownBy(() -> Downsampling.plan(T0, T0, null)).hasMessageContaining("before");
    assertThatThrownBy(() -> Downsampling.plan(T0, T0.minusSeconds(1), null)).hasMessageContaining("before");
    assertThatThrownBy(() -> Downsampling.plan(T0, T0.plus(Duration.ofDays(401)), null))
        .hasMessageContaining("at most 400");
  }
}
