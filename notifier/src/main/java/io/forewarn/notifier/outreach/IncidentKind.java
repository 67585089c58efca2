package io.forewarn.notifier.outreach;

import java.util.Locale;

/** What kind of incident the rules stage found; each kind has its own message templates. */
public enum IncidentKind {
  /** One customer's device is degrading or has failed. */
  DEVICE_PROBLEM,
  /**
   * Our service is down or degraded in an area (every customer there is affected), or one firmware of a
   * product is faulty (every owner of a device running it is); {@link AffectedScope} says which.
   */
  SERVICE_DISRUPTION,
  /** Work we planned that will interrupt the service for a while. */
  PLANNED_MAINTENANCE;

  /** The directory name used for this kind under {@code templates/}. */
  public String templateName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
