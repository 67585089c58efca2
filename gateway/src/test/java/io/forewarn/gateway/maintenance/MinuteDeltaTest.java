package io.forewarn.gateway.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.db.PgBinaryCopy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MinuteDeltaTest {
  private static long pgMicros(String instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant)) - PgBinaryCopy.PG_EPOCH_OFFSET_MICROS;
  }

  private static String[] lines(MinuteDelta delta) {
    String[] lines = new String(delta.toCopyText(), StandardCharsets.US_ASCII).split("\n");
    Arrays.sort(lines);
    return lines;
  }

  @Test
  void aggregates_each_metric_per_device_and_minute_whatever_the_order_of_metrics() {
    // GIVEN a device sending metrics 1,2 then 2,1 in one minute, and once in the next minute
    MinuteDelta delta = new MinuteDelta();
    delta.add(pgMicros("2026-12-07T12:00:05Z"), 7, new short[] {1, 2}, new double[] {1.5, 10}, 2);
    delta.add(pgMicros("2026-12-07T12:00:59.999999Z"), 7, new short[] {2, 1}, new double[] {-4, 3}, 2);
    delta.add(pgMicros("2026-12-07T12:01:00Z"), 7, new short[] {1}, new double[] {8}, 1);
    // THEN three groups, each with min, max, sum and count of its values
    assertThat(delta.size()).isEqualTo(3);
    assertThat(lines(delta)).containsExactly("2026-12-07T12:00:00Z\t7\t1\t1.5\t3.0\t4.5\t2",
        "2026-12-07T12:00:00Z\t7\t2\t-4.0\t10.0\t6.0\t2", "2026-12-07T12:01:00Z\t7\t1\t8.0\t8.0\t8.0\t1");
  }

  @Test
  void buckets_times_before_2000_down_to_their_minute() {
    // GIVEN a sample before PostgreSQL's epoch (negative microseconds)
    MinuteDelta delta = new MinuteDelta();
    delta.add(pgMicros("1999-12-31T23:59:30Z"), 1, new short[] {3}, new double[] {2}, 1);
    // THEN its minute is 23:59, not midnight
    assertThat(lines(delta)).containsExactly("1999-12-31T23:59:00Z\t1\t3\t2.0\t2.0\t2.0\t1");
  }

  @Test
  void keeps_devices_with_many_metrics_and_forgets_everything_on_clear() {
    // GIVEN a device with 40 metrics (more than the initial room) twice in one minute
    MinuteDelta delta = new MinuteDelta();
    short[] ids = new short[40];
    double[] vals = new double[40];
    for (int i = 0; i < 40; i++) {
      ids[i] = (short) (100 + i);
      vals[i] = i;
    }
    delta.add(0, 2, ids, vals, 40);
    delta.add(1, 2, ids, vals, 40);
    // THEN one group per metric, each counted twice; AND clear empties it
    assertThat(delta.size()).isEqualTo(40);
    assertThat(lines(delta)).allMatch(l -> l.endsWith("\t2"));
    delta.clear();
    assertThat(delta.isEmpty()).isTrue();
    assertThat(delta.toCopyText()).isEmpty();
  }
}
