package io.forewarn.gateway.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forewarn.gateway.store.TelemetryRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentBatchesTest {
  private Instant now = Instant.parse("2026-12-07T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  private static List<TelemetryRow> rows(int n) {
    List<TelemetryRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new TelemetryRow(i, i, new short[] {1}, new double[] {i}, false));
    }
    return rows;
  }

  @Test
  void hands_a_kept_batch_out_once() {
    // GIVEN a committed batch of 3 rows
    RecentBatches recent = new RecentBatches(10, Duration.ofMinutes(1), clock);
    List<TelemetryRow> batch = rows(3);
    recent.committed(7, batch);
    // WHEN the roll-up takes it twice
    // THEN the first take has its rows and the second finds nothing (it was rolled up)
    assertThat(recent.take(7)).isSameAs(batch);
    assertThat(recent.take(7)).isNull();
    assertThat(recent.rows()).isZero();
  }

  @Test
  void does_not_keep_a_batch_beyond_the_row_bound() {
    // GIVEN room for 5 rows, 4 of them taken
    RecentBatches recent = new RecentBatches(5, Duration.ofMinutes(1), clock);
    recent.committed(1, rows(4));
    // WHEN a batch of 2 rows and then one of 1 row commit
    recent.committed(2, rows(2));
    recent.committed(3, rows(1));
    // THEN the first did not fit (it will be read back) and the second did
    assertThat(recent.take(2)).isNull();
    assertThat(recent.take(3)).hasSize(1);
    assertThat(recent.notKept()).isEqualTo(1);
    assertThat(recent.rows()).isEqualTo(4);
  }

  @Test
  void drops_batches_no_roll_up_took_within_the_age_limit() {
    // GIVEN a batch kept at 10:00 with an age limit of 1 minute
    RecentBatches recent = new RecentBatches(100, Duration.ofMinutes(1), clock);
    recent.committed(1, rows(2));
    // WHEN another batch commits two minutes later
    now = now.plus(Duration.ofMinutes(2));
    recent.committed(2, rows(3));
    // THEN the old one is gone (another gateway rolled it up) and its rows are no longer counted
    assertThat(recent.take(1)).isNull();
    assertThat(recent.rows()).isEqualTo(3);
  }

  @Test
  void a_zero_bound_keeps_nothing() {
    RecentBatches recent = new RecentBatches(0, Duration.ofMinutes(1), clock);
    recent.committed(1, rows(1));
    assertThat(recent.take(1)).isNull();
  }

  @Test
  void refuses_negative_bounds() {
    assertThatThrownBy(() -> new RecentBatches(-1, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRows");
  }
}
