package io.forewarn.rules.replay;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Service disruptions the ground truth does not explain: a firmware disruption is false unless a device of
 * that firmware had a {@code firmware_cohort} fault, and a region or site disruption unless its region had a
 * {@code region_outage}, from an hour before the disruption fired to 6 h after that fault ended (as for
 * device incidents). Absorbed disruptions count too: they fired, and may have been told.
 */
final class FalseDisruptions {
  private final Collection<Fault> faults;
  private final IntFunction<AlertQuality.Where> where;
  private final Instant windowEnd;

  FalseDisruptions(Collection<Fault> faults, IntFunction<AlertQuality.Where> where, Instant windowEnd) {
    this.faults = faults;
    this.where = where;
    this.windowEnd = windowEnd;
  }

  List<ReplayIncident> firmware(Collection<ReplayIncident> incidents) {
    return incidents.stream().filter(i -> i.disruption() && "firmware".equals(i.scopeType()))
        .filter(i -> faults.stream().noneMatch(f -> f.kind().equals("firmware_cohort") && covers(f, i)
            && i.scopeValue().equals(where.apply(f.deviceId()).firmware())))
        .toList();
  }

  List<ReplayIncident> outage(Collection<ReplayIncident> incidents) {
    return incidents.stream().filter(i -> i.disruption() && !"firmware".equals(i.scopeType()))
        .filter(i -> faults.stream().noneMatch(f -> f.kind().equals("region_outage") && covers(f, i)
            && inScope(i, where.apply(f.deviceId()))))
        .toList();
  }

  /** Every device of an outage's region has its fault row, so a site of that region has one too. */
  private static boolean inScope(ReplayIncident disruption, AlertQuality.Where device) {
    return disruption.scopeValue().equals("region".equals(disruption.scopeType()) ? device.region() : device.site());
  }

  private boolean covers(Fault f, ReplayIncident i) {
    return AlertQuality.explained(i, List.of(f), windowEnd);
  }
}
