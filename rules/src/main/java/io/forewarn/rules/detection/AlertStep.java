package io.forewarn.rules.detection;

/**
 * The alert after one observation.
 *
 * @param phase       where the alert stands now
 * @param event       what changed on this observation
 * @param sinceMillis when the current phase began (epoch ms from the data); for INACTIVE, the last change
 */
public record AlertStep(AlertPhase phase, AlertEvent event, long sinceMillis) {
  public AlertStep {
    if (phase == null || event == null) {
      throw new IllegalArgumentException("phase and event are required");
    }
  }
}
