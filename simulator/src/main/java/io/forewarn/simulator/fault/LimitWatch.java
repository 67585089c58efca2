package io.forewarn.simulator.fault;

import io.forewarn.simulator.fleet.ProductModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Applies a model's {@link FailureLimits} to one device's series, sample by sample, and says which
 * limit (if any) a sample violates. The simulator's tests use it to prove healthy devices stay
 * inside the limits and faults cross them; the plot uses it to mark the crossing.
 */
public final class LimitWatch {
  private final List<FailureLimit> limits;
  private final int[] index;
  private final Deque<long[]>[] history;

  @SuppressWarnings("unchecked")
  public LimitWatch(ProductModel model) {
    this.limits = FailureLimits.forModel(model);
    this.index = limits.stream().mapToInt(l -> model.index(l.metric())).toArray();
    this.history = new Deque[limits.size()];
    for (int i = 0; i < history.length; i++) {
      history[i] = new ArrayDeque<>();
    }
  }

  /** The first limit this sample violates, or {@code null}. Samples must come in time order. */
  public FailureLimit check(long epochMillis, double[] values) {
    FailureLimit violated = null;
    for (int i = 0; i < limits.size(); i++) {
      FailureLimit limit = limits.get(i);
      double v = values[index[i]];
      if (Double.isNaN(v)) {
        continue; // not in this report
      }
      boolean hit;
      if (limit.check() == FailureLimit.Check.INCREASE) {
        Deque<long[]> window = history[i];
        window.addLast(new long[] {epochMillis, Double.doubleToLongBits(v)});
        while (window.peekFirst()[0] < epochMillis - limit.window().toMillis()) {
          window.removeFirst();
        }
        hit = v - Double.longBitsToDouble(window.peekFirst()[1]) >= limit.threshold();
      } else {
        hit = limit.violatedBy(v);
      }
      if (hit && violated == null) {
        violated = limit;
      }
    }
    return violated;
  }
}
