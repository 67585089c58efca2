package io.forewarn.rules.nab;

import java.util.List;

/**
 * A detector's NAB result for one profile.
 *
 * @param best       the corpus-wide threshold that maximises the raw score, with that score
 * @param nullScore  raw score of a detector that never fires
 * @param perfect    raw score of a detector that fires on the first row of every window only
 * @param normalised {@code 100 * (raw - null) / (perfect - null)}
 * @param perFile    each file's raw score at the chosen threshold, in corpus order
 */
public record ProfileResult(
    CostProfile profile,
    ThresholdScore best,
    double nullScore,
    double perfect,
    double normalised,
    List<Double> perFile) {
  public ProfileResult {
    perFile = List.copyOf(perFile);
  }
}
