package io.forewarn.rules.detection.forecast;

import io.forewarn.rules.detection.AlertStateMachine;
import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.Direction;
import io.forewarn.rules.detection.StateBytes;
import io.forewarn.rules.detection.TimeWindow;

/**
 * Estimates when a metric reaches its limit from a Theil–Sen trend (robust to outliers and noise) and
 * fires when even the latest plausible crossing falls inside the horizon. It clears only when the
 * earliest plausible crossing is beyond the (longer) clear horizon, or the trend turns away.
 *
 * <p>Cost: the O(n) fit over the window's n samples is redone once {@code max(1, n / REFIT_DIVISOR)}
 * samples have arrived since the last one; in between, each sample costs O(1): the last fitted line is
 * carried to the sample's time (the trend of a two-day window hardly moves in three hours, the level
 * and with it the ETA follow every sample). The snapshot holds the fit and the sample ordinals, so a
 * restored detector continues exactly like the live one.
 */
public final class TimeToThresholdForecaster {
  static final int STATE_KIND = 0x46435354; // "FCST"
  static final int STATE_VERSION = 2;
  /** A refit is due after this fraction (1/REFIT_DIVISOR) of the window's samples is new. */
  static final int REFIT_DIVISOR = 16;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private final ForecastRule rule;
  private final TimeWindow window;
  private final AlertStateMachine alert;
  private final TheilSen theilSen;
  private final long[] times;
  private final double[] values;
  private long ordinal;
  private long fittedOrdinal = Long.MIN_VALUE;
  private long fittedAt;
  private TheilSen.Fit fit;

  public TimeToThresholdForecaster(ForecastRule rule) {
    this.rule = rule;
    this.window = new TimeWindow(rule.window(), rule.maxSamples());
    this.alert = new AlertStateMachine(rule.forDuration(), rule.clearDuration());
    this.theilSen = new TheilSen(rule.maxSamples());
    this.times = new long[rule.maxSamples()];
    this.values = new double[rule.maxSamples()];
  }

  public ForecastResult update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    window.add(epochMillis, value);
    ordinal++;
    int n = window.size();
    if (n < 4 || window.coveredMillis() < rule.minCoverage().toMillis()) {
      fit = null;
      return new ForecastResult(alert.step(epochMillis, Condition.HOLDING), new Eta.Unknown());
    }
    if (fit == null || ordinal - fittedOrdinal >= Math.max(1, n / REFIT_DIVISOR)) {
      for (int i = 0; i < n; i++) {
        times[i] = window.timeAt(i);
        values[i] = window.valueAt(i);
      }
      fit = theilSen.fit(times, values, n, rule.confidenceZ());
      fittedOrdinal = ordinal;
      fittedAt = epochMillis;
    }
    double level = fit.level() + fit.slope() * ((epochMillis - fittedAt) / MILLIS_PER_HOUR);
    Eta eta = estimate(fit, level);
    return new ForecastResult(alert.step(epochMillis, condition(eta)), eta);
  }

  private Eta estimate(TheilSen.Fit fit, double level) {
    boolean up = rule.direction() == Direction.ABOVE;
    double distance = up ? rule.limit() - level : level - rule.limit();
    // Rates towards the limit (positive = approaching).
    double expected = up ? fit.slope() : -fit.slope();
    double steepest = up ? fit.slopeHigh() : -fit.slopeLow();
    double shallowest = up ? fit.slopeLow() : -fit.slopeHigh();
    if (distance <= 0) {
      return new Eta.Crossing(0, 0, 0, fit.slope(), level);
    }
    if (expected <= 0) {
      return new Eta.NotApproaching(fit.slope());
    }
    long expectedMillis = toMillis(distance / expected);
    long earliestMillis = toMillis(distance / steepest);
    long latestMillis = shallowest > 0 ? toMillis(distance / shallowest) : Long.MAX_VALUE;
    return new Eta.Crossing(expectedMillis, earliestMillis, Math.max(expectedMillis, latestMillis), fit.slope(), level);
  }

  private static long toMillis(double hours) {
    double ms = hours * MILLIS_PER_HOUR;
    return ms >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(ms);
  }

  private Condition condition(Eta eta) {
    return switch (eta) {
      case Eta.Unknown u -> Condition.HOLDING;
      case Eta.NotApproaching n -> Condition.CLEAR;
      case Eta.Crossing c when c.latestMillis() <= rule.horizon().toMillis() -> Condition.BREACHING;
      case Eta.Crossing c when c.earliestMillis() > rule.clearHorizon().toMillis() -> Condition.CLEAR;
      case Eta.Crossing c -> Condition.HOLDING;
    };
  }

  public byte[] snapshot() {
    StateBytes.Writer w = new StateBytes.Writer(STATE_KIND, STATE_VERSION);
    alert.snapshot().write(w);
    window.write(w);
    w.putLong(ordinal).putLong(fit == null ? Long.MIN_VALUE : fittedOrdinal).putLong(fittedAt);
    w.putDoubles(
        fit == null ? new double[0] : new double[] {fit.slope(), fit.slopeLow(), fit.slopeHigh(), fit.level()});
    return w.toByteArray();
  }

  /** Restores a snapshot exactly; a version 1 snapshot (raw window only) refits on its next sample. */
  public static TimeToThresholdForecaster restore(ForecastRule rule, byte[] state) {
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    int version = StateBytes.versionOf(state);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, version == 1 ? 1 : STATE_VERSION);
    f.alert.restore(AlertStateMachine.State.read(r));
    f.window.read(r);
    if (version != 1) {
      f.ordinal = r.getLong();
      f.fittedOrdinal = r.getLong();
      f.fittedAt = r.getLong();
      double[] fit = r.getDoubles();
      if (fit.length != 0 && fit.length != 4) {
        throw new IllegalArgumentException("forecast state has a fit of " + fit.length + " numbers, expected 0 or 4");
      }
      f.fit = fit.length == 0 ? null : new TheilSen.Fit(fit[0], fit[1], fit[2], fit[3]);
    }
    r.end();
    return f;
  }
}
