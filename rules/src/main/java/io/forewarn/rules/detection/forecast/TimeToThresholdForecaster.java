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
 */
public final class TimeToThresholdForecaster {
  static final int STATE_KIND = 0x46435354; // "FCST"
  static final int STATE_VERSION = 1;
  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private final ForecastRule rule;
  private final TimeWindow window;
  private final AlertStateMachine alert;
  private final TheilSen theilSen;

  public TimeToThresholdForecaster(ForecastRule rule) {
    this.rule = rule;
    this.window = new TimeWindow(rule.window(), rule.maxSamples());
    this.alert = new AlertStateMachine(rule.forDuration(), rule.clearDuration());
    this.theilSen = new TheilSen(rule.maxSamples());
  }

  public ForecastResult update(long epochMillis, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    window.add(epochMillis, value);
    if (window.size() < 4 || window.coveredMillis() < rule.minCoverage().toMillis()) {
      return new ForecastResult(alert.step(epochMillis, Condition.HOLDING), new Eta.Unknown());
    }
    Eta eta = estimate(theilSen.fit(window, rule.confidenceZ()));
    return new ForecastResult(alert.step(epochMillis, condition(eta)), eta);
  }

  private Eta estimate(TheilSen.Fit fit) {
    boolean up = rule.direction() == Direction.ABOVE;
    double distance = up ? rule.limit() - fit.level() : fit.level() - rule.limit();
    // Rates towards the limit (positive = approaching).
    double expected = up ? fit.slope() : -fit.slope();
    double steepest = up ? fit.slopeHigh() : -fit.slopeLow();
    double shallowest = up ? fit.slopeLow() : -fit.slopeHigh();
    if (distance <= 0) {
      return new Eta.Crossing(0, 0, 0, fit.slope(), fit.level());
    }
    if (expected <= 0) {
      return new Eta.NotApproaching(fit.slope());
    }
    long expectedMillis = toMillis(distance / expected);
    long earliestMillis = toMillis(distance / steepest);
    long latestMillis = shallowest > 0 ? toMillis(distance / shallowest) : Long.MAX_VALUE;
    return new Eta.Crossing(expectedMillis, earliestMillis, Math.max(expectedMillis, latestMillis), fit.slope(), fit.level());
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
    return w.toByteArray();
  }

  public static TimeToThresholdForecaster restore(ForecastRule rule, byte[] state) {
    TimeToThresholdForecaster f = new TimeToThresholdForecaster(rule);
    StateBytes.Reader r = new StateBytes.Reader(state, STATE_KIND, STATE_VERSION);
    f.alert.restore(AlertStateMachine.State.read(r));
    f.window.read(r);
    r.end();
    return f;
  }
}
