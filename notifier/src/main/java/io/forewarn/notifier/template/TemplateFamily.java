package io.forewarn.notifier.template;

import io.forewarn.notifier.outreach.AffectedScope;
import io.forewarn.notifier.outreach.IncidentNotice;
import java.util.Locale;

/**
 * Which set of templates speaks for a notice: one per incident kind, except that a service
 * disruption is told in words that fit what it covers. An area's customers hear of "the service in
 * your area"; the owners of a faulty firmware's devices hear of their own product.
 */
public enum TemplateFamily {
  /** One customer's device is degrading or has failed. */
  DEVICE_PROBLEM,
  /** A disruption in a region or site: "the service in your area". */
  SERVICE_DISRUPTION,
  /** A disruption of every device on one firmware of one model: "your GB24 boiler". */
  FIRMWARE_DISRUPTION,
  /** Work we planned that will interrupt the service for a while. */
  PLANNED_MAINTENANCE;

  /** The one place that picks the family. */
  public static TemplateFamily of(IncidentNotice notice) {
    return switch (notice.kind()) {
      case DEVICE_PROBLEM -> DEVICE_PROBLEM;
      case PLANNED_MAINTENANCE -> PLANNED_MAINTENANCE;
      case SERVICE_DISRUPTION -> switch (notice.scope()) {
        case AffectedScope.Area area -> SERVICE_DISRUPTION;
        case AffectedScope.Firmware firmware -> FIRMWARE_DISRUPTION;
      };
    };
  }

  /** The directory under {@code templates/}, e.g. {@code firmware_disruption}. */
  public String templateName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
