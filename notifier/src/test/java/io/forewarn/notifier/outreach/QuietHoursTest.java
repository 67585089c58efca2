package io.forewarn.notifier.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
  private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));

  @Test
  void window_wrapping_midnight_contains_late_evening_and_early_morning_only() {
    // GIVEN quiet hours 22:00-08:00
    // THEN start is inside, end is outside, midday is outside
    assertThat(NIGHT.contains(LocalTime.of(22, 0))).isTrue();
    assertThat(NIGHT.contains(LocalTime.of(3, 0))).isTrue();
    assertThat(NIGHT.contains(LocalTime.of(7, 59))).isTrue();
    assertThat(NIGHT.contains(LocalTime.of(8, 0))).isFalse();
    assertThat(NIGHT.contains(LocalTime.of(12, 0))).isFalse();
    assertThat(NIGHT.contains(LocalTime.of(21, 59))).isFalse();
  }

  @Test
  void window_within_one_day_contains_only_its_span() {
    // GIVEN a siesta 13:00-15:00
    QuietHours siesta = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));
    // THEN
    assertThat(siesta.wrapsMidnight()).isFalse();
    assertThat(siesta.contains(LocalTime.of(14, 0))).isTrue();
    assertThat(siesta.contains(LocalTime.of(15, 0))).isFalse();
    assertThat(siesta.contains(LocalTime.of(3, 0))).isFalse();
  }

  @Test
  void evening_message_waits_until_next_morning() {
    // GIVEN 23:30 in Berlin
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 6, 10, 23, 30), ZoneId.of("Europe/Berlin"));
    // WHEN
    ZonedDateTime allowed = NIGHT.nextAllowed(now);
    // THEN
    assertThat(allowed).isEqualTo(ZonedDateTime.of(LocalDateTime.of(2025, 6, 11, 8, 0), ZoneId.of("Europe/Berlin")));
  }

  @Test
  void early_morning_message_waits_until_the_same_morning() {
    // GIVEN 05:00
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 6, 11, 5, 0), ZoneId.of("Europe/Berlin"));
    // THEN
    assertThat(NIGHT.nextAllowed(now).toLocalDateTime()).isEqualTo(LocalDateTime.of(2025, 6, 11, 8, 0));
  }

  @Test
  void message_outside_quiet_hours_goes_now() {
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 6, 11, 12, 0), ZoneId.of("Europe/Berlin"));
    assertThat(NIGHT.nextAllowed(now)).isEqualTo(now);
  }

  @Test
  void quiet_hours_ending_in_a_spring_forward_gap_end_after_the_gap() {
    // GIVEN New York skips 02:00-03:00 on 2025-03-09 and quiet hours end at 02:30
    ZoneId ny = ZoneId.of("America/New_York");
    QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 3, 8, 23, 0), ny);
    // WHEN
    ZonedDateTime allowed = quiet.nextAllowed(now);
    // THEN 02:30 does not exist; the message goes at 03:30 EDT, the same instant as 02:30 EST would be
    assertThat(allowed.toLocalDateTime()).isEqualTo(LocalDateTime.of(2025, 3, 9, 3, 30));
    assertThat(allowed.toInstant()).isEqualTo(java.time.Instant.parse("2025-03-09T07:30:00Z"));
  }

  @Test
  void night_shortened_by_spring_forward_still_ends_at_local_eight() {
    // GIVEN London springs forward at 01:00 on 2025-03-30; quiet hours 22:00-08:00
    ZoneId london = ZoneId.of("Europe/London");
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 3, 29, 23, 0), london);
    // WHEN
    ZonedDateTime allowed = NIGHT.nextAllowed(now);
    // THEN 08:00 BST = 07:00 UTC: local wall time is what the customer sleeps by
    assertThat(allowed.toInstant()).isEqualTo(java.time.Instant.parse("2025-03-30T07:00:00Z"));
  }

  @Test
  void night_lengthened_by_fall_back_ends_at_local_eight() {
    // GIVEN London falls back at 02:00 on 2025-10-26; 01:30 happens twice
    ZoneId london = ZoneId.of("Europe/London");
    ZonedDateTime secondHalfPastOne = ZonedDateTime.of(LocalDateTime.of(2025, 10, 26, 1, 30), london)
        .withLaterOffsetAtOverlap();
    // WHEN
    ZonedDateTime allowed = NIGHT.nextAllowed(secondHalfPastOne);
    // THEN 08:00 GMT
    assertThat(allowed.toInstant()).isEqualTo(java.time.Instant.parse("2025-10-26T08:00:00Z"));
  }

  @Test
  void quiet_hours_ending_in_a_fall_back_overlap_end_at_the_first_occurrence() {
    // GIVEN quiet hours end at 01:30, which London shows twice on 2025-10-26
    ZoneId london = ZoneId.of("Europe/London");
    QuietHours quiet = new QuietHours(LocalTime.of(23, 0), LocalTime.of(1, 30));
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 10, 26, 0, 15), london);
    // THEN the first 01:30 (BST, 00:30 UTC)
    assertThat(quiet.nextAllowed(now).toInstant()).isEqualTo(java.time.Instant.parse("2025-10-26T00:30:00Z"));
  }

  @Test
  void half_hour_dst_zone_is_handled_on_local_time() {
    // GIVEN Lord Howe Island moves its clocks by 30 minutes (02:00 -> 02:30 on 2025-10-05)
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
    QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 15));
    ZonedDateTime now = ZonedDateTime.of(LocalDateTime.of(2025, 10, 4, 23, 0), lordHowe);
    // WHEN
    ZonedDateTime allowed = quiet.nextAllowed(now);
    // THEN 02:15 is in the half-hour gap and becomes 02:45
    assertThat(allowed.toLocalDateTime()).isEqualTo(LocalDateTime.of(2025, 10, 5, 2, 45));
  }

  @Test
  void rejects_empty_window() {
    assertThatThrownBy(() -> new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
