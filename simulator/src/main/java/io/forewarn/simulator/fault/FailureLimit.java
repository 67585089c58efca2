package io.forewarn.simulator.fault;

import io.forewarn.simulator.fleet.ProductModel;
import java.time.Duration;

/**
 * A metric condition that means "failed, the customer notices". {@link Check#BELOW} is
 * {@code value < threshold}, {@link Check#ABOVE} is {@code value > threshold}, and
 * {@link Check#INCREASE} is a counter rising by at least {@code threshold} within {@code window}.
 */
public record FailureLimit(ProductModel model, String metric, Check check, double threshold, Duration window,
    String meaning) {
  public enum Check { BELOW, ABOVE, INCREASE }

  public FailureLimit {
    if (model.index(metric) < 0) {
      throw new IllegalArgumentException(model + " has no metric " + metric);
    }
    if ((check == Check.INCREASE) != (window != null)) {
      throw new IllegalArgumentException("a window is needed for INCREASE and only there");
    }
  }

  /** Whether a single gauge value violates the limit (INCREASE limits need a series). */
  public boolean violatedBy(double value) {
    return switch (check) {
      case BELOW -> value < threshold;
      case ABOVE -> value > threshold;
      case INCREASE -> false;
    };
  }

  public String describe() {
    return switch (check) {
      case BELOW -> metric + " < " + threshold;
      case ABOVE -> metric + " > " + threshold;
      case INCREASE -> metric + " rises by >= " + threshold + " within " + window.toMinutes() + " min";
    };
  }
}
