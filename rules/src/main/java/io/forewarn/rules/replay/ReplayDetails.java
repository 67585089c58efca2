package io.forewarn.rules.replay;

import io.forewarn.rules.engine.DeviceInfo;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/** Per-fault and per-disruption lines of a replay, for tuning rules ({@code --details true}). */
final class ReplayDetails {
  private ReplayDetails() {}

  static void print(PrintStream out, List<Fault> faults, List<ReplayIncident> incidents,
      Map<Integer, DeviceInfo> devices,
      IntFunction<AlertQuality.Where> where, java.time.Instant windowEnd) {
    out.println(
        "-- predictable faults: kind model lead(h) span(h) ratio first-warning | device incidents only: ratio first-rule");
    for (Fault f : faults) {
      if (!f.predictable() || f.failureAt() == null) {
        continue;
      }
      ReplayIncident first = incidents.stream().filter(i -> f.deviceId() == (i.deviceId() == null ? -1 : i.deviceId()))
          .filter(i -> !i.firingAt().isBefore(f.onset())
              && !i.firingAt().isAfter(f.failureAt().plus(AlertQuality.LATE_GRACE)))
          .min(Comparator.comparing(ReplayIncident::firingAt)).orElse(null);
      Instant listed = AlertQuality.firstListing(f, incidents);
      double span = Duration.between(f.onset(), f.failureAt()).toMillis() / 3.6e6;
      double lead = first == null ? Double.NaN : Duration.between(first.firingAt(), f.failureAt()).toMillis() / 3.6e6;
      boolean byDisruption = listed != null && (first == null || listed.isBefore(first.firingAt()));
      double warned = byDisruption ? Duration.between(listed, f.failureAt()).toMillis() / 3.6e6 : lead;
      out.printf(Locale.ROOT, "%-20s %-13s %7.1f %7.1f %4.0f%% %s | %4.0f%% %s%n", f.kind(),
          devices.get(f.deviceId()).model(), warned, span, 100 * warned / span,
          byDisruption ? "disruption firmware:" + where.apply(f.deviceId()).firmware()
              : first == null ? "-" : first.ruleId(),
          100 * lead / span, first == null ? "-" : first.ruleId());
    }
    out.println("-- false device incidents by rule");
    Map<String, Long> falseByRule = new java.util.TreeMap<>();
    for (ReplayIncident i : incidents) {
      if (i.deviceId() != null
          && !AlertQuality.explained(i, faults.stream().filter(f -> f.deviceId() == i.deviceId()).toList(),
              windowEnd)) {
        falseByRule.merge(i.ruleId(), 1L, Long::sum);
      }
    }
    falseByRule.forEach((rule, n) -> out.println(rule + " " + n));
    out.println("-- flaps: fingerprint resolved reopened");
    Map<String, List<ReplayIncident>> byFp = new java.util.HashMap<>();
    incidents.forEach(i -> byFp.computeIfAbsent(i.fingerprint(), k -> new java.util.ArrayList<>()).add(i));
    byFp.forEach((fp, list) -> {
      for (int k = 1; k < list.size(); k++) {
        var prev = list.get(k - 1).resolvedAt();
        if (prev != null && Duration.between(prev, list.get(k).firingAt()).compareTo(AlertQuality.FLAP_GAP) <= 0) {
          out.println(fp + " " + prev + " " + list.get(k).firingAt());
        }
      }
    });
    out.println("-- disruptions: scope firing resolved absorbed devices-listed");
    incidents.stream().filter(ReplayIncident::disruption).forEach(i -> out.printf(Locale.ROOT,
        "%s:%s %s %s %s %d%n", i.scopeType(), i.scopeValue(), i.firingAt(), i.resolvedAt(), i.absorbed(),
        i.listed().size()));
    FalseDisruptions wrong = new FalseDisruptions(faults, where, windowEnd);
    out.println("-- false disruptions: scope firing");
    java.util.stream.Stream.concat(wrong.firmware(incidents).stream(), wrong.outage(incidents).stream())
        .forEach(i -> out.println(i.scopeType() + ":" + i.scopeValue() + " " + i.firingAt()));
    out.println("-- region outages: region onset ends");
    faults.stream().filter(f -> f.kind().equals("region_outage")).map(f -> devices.get(f.deviceId()).region() + " "
        + f.onset() + " " + f.endsAt()).distinct().forEach(out::println);
  }
}
