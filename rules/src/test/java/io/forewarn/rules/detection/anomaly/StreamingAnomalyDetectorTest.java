package io.forewarn.rules.detection.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingAnomalyDetectorTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 300_000L;
  private final AnomalyDetectorConfig config = AnomalyDetectorConfig.defaults();

  /** A daily square wave (288 rows a day: high 100 rows, low 188) with noise, 14 days, seeded. */
  private static double[] wave(long seed) {
    Random r = new Random(seed);
    double[] v = new double[14 * 288];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((i % 288) < 100 ? 80 : 20) + r.nextGaussian();
    }
    return v;
  }

  private double[] run(StreamingAnomalyDetector d, double[] v, int from, int to) {
    double[] s = new double[to - from];
    for (int i = from; i < to; i++) {
      s[i - from] = d.update(T0 + i * STEP, v[i]);
    }
    return s;
  }

  @Test
  void stays_quiet_on_a_constant_series() {
    // GIVEN a flat line WHEN scored THEN every score is 0
    double[] flat = new double[3000];
    Arrays.fill(flat, 45.0);
    assertThat(run(new StreamingAnomalyDetector(config), flat, 0, flat.length)).containsOnly(0.0);
  }

  @Test
  void stays_below_alert_level_on_a_regular_noisy_wave() {
    // GIVEN a regular square wave with noise WHEN scored after the warm-ups THEN nothing reaches the alert level
    double[] v = wave(1);
    double[] s = run(new StreamingAnomalyDetector(config), v, 0, v.length);
    assertThat(Arrays.stream(s, 600, v.length).max().orElseThrow()).isLessThan(config.alertLevel());
  }

  @Test
  void flags_a_spike_once_then_stays_quiet_for_the_suppression_period() {
    // GIVEN the wave with a spike to 200 at row 1500 and another at row 1550
    double[] v = wave(2);
    v[1500] = 200;
    v[1550] = 200;
    double[] s = run(new StreamingAnomalyDetector(config), v, 0, v.length);
    // THEN the first spike scores far above the alert level and the second is suppressed
    assertThat(s[1500]).isGreaterThan(0.9);
    assertThat(s[1550]).isZero();
  }

  @Test
  void flags_a_missing_high_phase() {
    // GIVEN the wave whose high phase is missing on day 11 (a pattern, not a value, anomaly)
    double[] v = wave(3);
    int day = 10 * 288;
    for (int i = day; i < day + 100; i++) {
      v[i] = 20 + (v[i] - 80);
    }
    double[] s = run(new StreamingAnomalyDetector(config), v, 0, v.length);
    // THEN an alert-level score comes within that day or, at the latest, when the next day's high phase
    // starts after the over-long low run (both are novel transitions); none comes before
    assertThat(Arrays.stream(s, day, day + 288 + 100).max().orElseThrow()).isGreaterThanOrEqualTo(config.alertLevel());
    assertThat(Arrays.stream(s, 600, day).max().orElseThrow()).isLessThan(config.alertLevel());
  }

  @Test
  void restored_snapshot_continues_exactly_like_the_original() {
    // GIVEN a detector that saw 1234 rows, snapshot to bytes and restored
    double[] v = wave(4);
    v[1700] = -100;
    StreamingAnomalyDetector original = new StreamingAnomalyDetector(config);
    run(original, v, 0, 1234);
    StreamingAnomalyDetector restored = StreamingAnomalyDetector.restore(config, original.snapshot());
    // WHEN both see the rest THEN their scores are identical
    assertThat(run(restored, v, 1234, v.length)).containsExactly(run(original, v, 1234, v.length));
  }

  @Test
  void rejects_state_of_another_kind_or_cut_short() {
    byte[] state = new StreamingAnomalyDetector(config).snapshot();
    assertThatThrownBy(() -> StreamingAnomalyDetector.restore(config, Arrays.copyOf(state, state.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] foreign = state.clone();
    foreign[0] = 'X';
    assertThatThrownBy(() -> StreamingAnomalyDetector.restore(config, foreign)).hasMessageContaining("kind");
  }

  @Test
  void skips_values_that_are_not_finite() {
    // GIVEN a NaN among values WHEN scored THEN it scores 0 and the rest matches a run without it
    double[] v = wave(5);
    StreamingAnomalyDetector with = new StreamingAnomalyDetector(config);
    StreamingAnomalyDetector without = new StreamingAnomalyDetector(config);
    run(with, v, 0, 700);
    run(without, v, 0, 700);
    assertThat(with.update(T0, Double.NaN)).isZero();
    assertThat(run(with, v, 700, v.length)).containsExactly(run(without, v, 700, v.length));
  }

  @Test
  void rejects_invalid_config_listing_every_problem() {
    assertThatThrownBy(() -> new AnomalyDetectorConfig(0, 0.05, 1, 0.25, 1, 288, 12, 0.001, 0.05, 4, 0.9, 200, 0.5))
        .hasMessageContaining("rangeWarmupRows").hasMessageContaining("levels");
  }
}
