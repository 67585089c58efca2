package io.forewarn.rules.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived NAB scores. Shared setup unless a test says otherwise: 40 rows, so the probationary period is
 * floor(0.15 * 40) = 6 rows; one window on rows 20..24 (width 5). sigma(p) = 2/(1+e^{5p}) - 1 = tanh(-5p/2),
 * so sigma(-1) = tanh(2.5) = 0.986614. Null = -fnWeight per window; perfect = tpWeight per window.
 */
class NabScorerTest {
  private static final double EPS = 1e-6;

  static NabSeries series(int rows, AnomalyWindow... windows) {
    List<String> text = new ArrayList<>();
    long[] millis = new long[rows];
    for (int i = 0; i < rows; i++) {
      millis[i] = 1_400_000_000_000L + i * 300_000L;
      text.add("t" + i);
    }
    return new NabSeries("cat", "file" + rows, text, millis, new double[rows], List.of(windows));
  }

  static double[] detectionsAt(int rows, int... detections) {
    double[] s = new double[rows];
    for (int d : detections) {
      s[d] = 1.0;
    }
    return s;
  }

  private static double raw(CostProfile profile, NabSeries s, double[] scores) {
    return new NabScorer(profile).score(List.of(s), List.of(scores)).best().score();
  }

  private final NabSeries file = series(40, new AnomalyWindow(20, 24));

  @Test
  void perfect_detector_scores_100() {
    // GIVEN a detection on the window's first row only: position -(24-20+1)/5 = -1, earning tpWeight exactly
    // WHEN scored on every profile THEN 100 * (1 - null) / (perfect - null) = 100
    for (CostProfile p : CostProfile.NAB) {
      ProfileResult r = new NabScorer(p).score(List.of(file), List.of(detectionsAt(40, 20)));
      assertThat(r.best().score()).isCloseTo(1.0, within(EPS));
      assertThat(r.normalised()).isCloseTo(100.0, within(EPS));
    }
  }

  @Test
  void null_detector_scores_0_and_its_raw_score_is_minus_fn_weight_per_window() {
    // GIVEN a detector that never fires (all scores 0): threshold 1.1 misses the window (-fn); threshold 0
    // flags every row, which is worse, so the optimum is -fn
    ProfileResult standard = new NabScorer(CostProfile.STANDARD).score(List.of(file), List.of(new double[40]));
    ProfileResult lowFn = new NabScorer(CostProfile.REWARD_LOW_FN_RATE).score(List.of(file), List.of(new double[40]));
    // THEN raw -1 (standard) and -2 (low FN, fnWeight 2), both normalise to 0
    assertThat(standard.best().score()).isCloseTo(-1.0, within(EPS));
    assertThat(lowFn.best().score()).isCloseTo(-2.0, within(EPS));
    assertThat(standard.normalised()).isCloseTo(0.0, within(EPS));
    assertThat(lowFn.normalised()).isCloseTo(0.0, within(EPS));
  }

  @Test
  void single_false_positive_before_any_window_costs_the_full_fp_weight() {
    // GIVEN the perfect detection plus one at row 10, after probation and with no window before it
    double[] scores = detectionsAt(40, 10, 20);
    // THEN raw = 1 - fpWeight: 0.89 standard, 0.78 low FP; standard normalised = 100 * 1.89 / 2 = 94.5
    assertThat(raw(CostProfile.STANDARD, file, scores)).isCloseTo(0.89, within(EPS));
    assertThat(raw(CostProfile.REWARD_LOW_FP_RATE, file, scores)).isCloseTo(0.78, within(EPS));
    assertThat(new NabScorer(CostProfile.STANDARD).score(List.of(file), List.of(scores)).normalised())
        .isCloseTo(94.5, within(EPS));
  }

  @Test
  void detection_late_in_the_window_earns_less_than_on_its_first_row() {
    // GIVEN one detection on row 23: position -(24-23+1)/5 = -0.4, sigma = tanh(1) = 0.761594
    // THEN it earns 0.761594 / 0.986614 = 0.771927; row 20 earns 1.0 (see perfect_detector_scores_100)
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 23))).isCloseTo(0.771927, within(EPS));
    // AND with rows 20 and 23 both detected only the best (earliest) counts
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 20, 23))).isCloseTo(1.0, within(EPS));
  }

  @Test
  void false_positive_shortly_after_a_window_costs_less_than_one_far_after() {
    // GIVEN the perfect detection plus a false positive after the window (right edge 24, width 5):
    // row 26: q = 2/4 = 0.5, sigma = tanh(-1.25) = -0.848284, cost 0.11 * 0.848284 = 0.093311
    // row 25: q = 1/4, sigma = tanh(-0.625) = -0.554600, cost 0.061006
    // row 39: q = 15/4 = 3.75 > 3, sigma = -1, cost 0.11
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 20, 25))).isCloseTo(1 - 0.061006, within(EPS));
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 20, 26))).isCloseTo(1 - 0.093311, within(EPS));
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 20, 39))).isCloseTo(0.89, within(EPS));
  }

  @Test
  void probationary_rows_are_ignored() {
    // GIVEN detections on rows 0 and 5 (probation: rows 0..5) plus the perfect one
    // THEN they cost nothing: raw = 1
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 0, 5, 20))).isCloseTo(1.0, within(EPS));
    // AND row 6, the first scored row, does cost 0.11
    assertThat(raw(CostProfile.STANDARD, file, detectionsAt(40, 6, 20))).isCloseTo(0.89, within(EPS));
    assertThat(NabScorer.probationRows(40)).isEqualTo(6);
    assertThat(NabScorer.probationRows(10_000)).isEqualTo(750);
  }

  @Test
  void one_threshold_is_chosen_for_the_whole_corpus() {
    // GIVEN file A detecting its window's first row at 0.8, file B at 0.9 with a false positive at 0.85
    NabSeries a = series(40, new AnomalyWindow(20, 24));
    NabSeries b = series(41, new AnomalyWindow(20, 24));
    double[] sa = new double[40];
    sa[20] = 0.8;
    double[] sb = new double[41];
    sb[20] = 0.9;
    sb[10] = 0.85;
    // WHEN swept: 1.1 -> -2; 0.9 -> 0; 0.85 -> -0.11; 0.8 -> 1.89; 0 -> every row flagged (worse)
    ProfileResult r = new NabScorer(CostProfile.STANDARD).score(List.of(a, b), List.of(sa, sb));
    // THEN 0.8 wins with 1.89, and the per-file scores at 0.8 add up to it
    assertThat(r.best().threshold()).isEqualTo(0.8);
    assertThat(r.best().score()).isCloseTo(1.89, within(EPS));
    assertThat(r.perFile().get(0) + r.perFile().get(1)).isCloseTo(1.89, within(EPS));
    assertThat(r.normalised()).isCloseTo(100 * (1.89 + 2) / 4, within(EPS));
  }

  @Test
  void reproduces_nab_published_per_file_scores() {
    // GIVEN NAB's published numenta scores (results/numenta/numenta_standard_scores.csv, threshold 0.5422):
    // ec2_cpu_utilization_ac20cd (4032 rows, window 3374..3776) scored 0.875727409493 with TP and no FP;
    // row 3566 is the only row whose in-window weight gives that value.
    NabSeries ac20cd = series(4032, new AnomalyWindow(3374, 3776));
    assertThat(raw(CostProfile.STANDARD, ac20cd, detectionsAt(4032, 3566, 3600))).isCloseTo(0.875727409493,
        within(1e-9));
    // art_daily_jumpsdown (window 2787..3189) scored 0.748908670438 with 1 FP: detection at row 2989 plus an
    // FP before the window, at the full -0.11
    NabSeries jumps = series(4032, new AnomalyWindow(2787, 3189));
    assertThat(raw(CostProfile.STANDARD, jumps, detectionsAt(4032, 1000, 2989))).isCloseTo(0.748908670438,
        within(1e-9));
  }

  @Test
  void rejects_scores_outside_zero_one() {
    double[] bad = new double[40];
    bad[7] = 1.5;
    assertThatThrownBy(() -> raw(CostProfile.STANDARD, file, bad)).isInstanceOf(IllegalArgumentException.class);
  }
}
