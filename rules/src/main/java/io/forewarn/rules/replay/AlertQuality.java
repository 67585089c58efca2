package io.forewarn.rules.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Scores incidents against the simulator's ground truth.
 *
 * <ul>
 *   <li>A predictable fault is <b>detected</b> when its device had an incident firing between onset and
 *       failure + 1 h; its <b>lead</b> is failure minus the first such firing (negative = late). Scored
 *       {@link Warnings#WITH_FIRMWARE_DISRUPTIONS}, a device also counts as warned from the moment a firing
 *       firmware disruption listed it (its customer is told of the disruption instead); region and site
 *       disruptions tell of silence, not of a device degrading, so they do not count.</li>
 *   <li>An incident is <b>false</b> when its device had no fault from 1 h before the incident to 6 h after
 *       the fault ended (the clear durations keep a repaired device's incident open a little).</li>
 *   <li>A <b>flap</b> is an incident opening again within 6 h of the same fingerprint resolving.</li>
 *   <li>A region outage is <b>handled</b> when exactly one top-level service disruption fired during it
 *       for its region or one of its sites.</li>
 * </ul>
 */
public final class AlertQuality {
  static final Duration LATE_GRACE = Duration.ofHours(1);
  static final Duration AFTER_FAULT = Duration.ofHours(6);
  static final Duration FLAP_GAP = Duration.ofHours(6);

  /** What counts as warning a customer of their device's fault. */
  public enum Warnings {
    /** The device's own incidents only (the scoring until 2026-12-03). */
    DEVICE_INCIDENTS,
    /** Those, or a firing firmware disruption listing the device. */
    WITH_FIRMWARE_DISRUPTIONS
  }

  /** Where a device sits in the fleet: its region, site and firmware cohort ({@code model@version}). */
  public record Where(String region, String site, String firmware) {}

  /**
   * Figures of one replay. Lead ratio = lead / (failure - onset). {@code firstByDisruption}: faults first
   * warned by a firmware disruption; false disruptions: firmware ones on a firmware with no cohort fault,
   * region and site ones with no outage in their region (see {@link FalseDisruptions}).
   */
  public record Report(int predictableFaults, int detected, int warnedBeforeFailure, List<Duration> leads,
      double medianLeadRatio, int falseIncidents, double deviceDays, int flaps, int outages, int outagesHandled,
      int topLevelDisruptions, int deviceIncidents, Map<String, int[]> byKind, int firstByDisruption,
      int falseFirmwareDisruptions, int falseOutageDisruptions) {
    public double recall() {
      return predictableFaults == 0 ? 0 : (double) detected / predictableFaults;
    }

    public double falsePer1000DeviceDays() {
      return deviceDays == 0 ? 0 : falseIncidents * 1000.0 / deviceDays;
    }

    public Duration leadQuantile(double q) {
      if (leads.isEmpty()) {
        return Duration.ZERO;
      }
      List<Duration> sorted = leads.stream().sorted().toList();
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
  }

  private AlertQuality() {}

  public static Report score(Collection<Fault> faults, Collection<ReplayIncident> incidents, int devices,
      Instant windowStart, Instant windowEnd, IntFunction<Where> where, Warnings warnings) {
    IntFunction<String> regionOf = id -> where.apply(id).region();
    IntFunction<String> siteOf = id -> where.apply(id).site();
    Map<Integer, List<ReplayIncident>> byDevice = new HashMap<>();
    List<ReplayIncident> deviceIncidents = new ArrayList<>();
    for (ReplayIncident i : incidents) {
      if (i.deviceId() != null) {
        byDevice.computeIfAbsent(i.deviceId(), k -> new ArrayList<>()).add(i);
        deviceIncidents.add(i);
      }
    }
    Map<Integer, List<Fault>> faultsByDevice = new HashMap<>();
    faults.forEach(f -> faultsByDevice.computeIfAbsent(f.deviceId(), k -> new ArrayList<>()).add(f));

    int predictable = 0;
    int detected = 0;
    int beforeFailure = 0;
    int byDisruption = 0;
    List<Duration> leads = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    Map<String, int[]> byKind = new HashMap<>();
    for (Fault f : faults) {
      if (!f.predictable() || f.failureAt() == null || f.failureAt().isAfter(windowEnd)) {
        continue;
      }
      predictable++;
      int[] k = byKind.computeIfAbsent(f.kind(), x -> new int[2]);
      k[0]++;
      Instant first = firstWarning(f, byDevice.getOrDefault(f.deviceId(), List.of()));
      Instant listed = warnings == Warnings.DEVICE_INCIDENTS ? null : firstListing(f, incidents);
      if (listed != null && (first == null || listed.isBefore(first))) {
        first = listed;
        byDisruption++;
      }
      if (first == null) {
        continue;
      }
      detected++;
      k[1]++;
      Duration lead = Duration.between(first, f.failureAt());
      leads.add(lead);
      if (!lead.isNegative()) {
        beforeFailure++;
      }
      long span = Duration.between(f.onset(), f.failureAt()).toMillis();
      ratios.add(span <= 0 ? 0.0 : (double) lead.toMillis() / span);
    }
    int falseCount = 0;
    for (ReplayIncident i : deviceIncidents) {
      if (!explained(i, faultsByDevice.getOrDefault(i.deviceId(), List.of()), windowEnd)) {
        falseCount++;
      }
    }
    int[] outages = outages(faults, incidents, regionOf, siteOf);
    int topLevel = (int) incidents.stream().filter(i -> "service_disruption".equals(i.kind()) && !i.absorbed()).count();
    double deviceDays = devices * (Duration.between(windowStart, windowEnd).toMillis() / 86_400_000.0);
    FalseDisruptions wrong = new FalseDisruptions(faults, where, windowEnd);
    return new Report(predictable, detected, beforeFailure, leads, median(ratios), falseCount, deviceDays,
        flaps(incidents), outages[0], outages[1], topLevel, deviceIncidents.size(), byKind, byDisruption,
        wrong.firmware(incidents).size(), wrong.outage(incidents).size());
  }

  /** The first firing of one of the device's incidents between onset and failure + 1 h, or null. */
  static Instant firstWarning(Fault f, List<ReplayIncident> deviceIncidents) {
    return deviceIncidents.stream().map(ReplayIncident::firingAt).filter(t -> warns(f, t))
        .min(Comparator.naturalOrder()).orElse(null);
  }

  /** The first time a firmware disruption listed the fault's device between onset and failure + 1 h, or null. */
  static Instant firstListing(Fault f, Collection<ReplayIncident> incidents) {
    return incidents.stream().filter(i -> i.disruption() && "firmware".equals(i.scopeType()))
        .map(i -> i.listed().get(f.deviceId())).filter(t -> t != null && warns(f, t))
        .min(Comparator.naturalOrder()).orElse(null);
  }

  private static boolean warns(Fault f, Instant t) {
    return !t.isBefore(f.onset()) && !t.isAfter(f.failureAt().plus(LATE_GRACE));
  }

  static boolean explained(ReplayIncident i, List<Fault> deviceFaults, Instant windowEnd) {
    return deviceFaults.stream().anyMatch(f -> !i.firingAt().isBefore(f.onset().minus(LATE_GRACE))
        && !i.firingAt().isAfter((f.endsAt() == null ? windowEnd : f.endsAt()).plus(AFTER_FAULT)));
  }

  private static int[] outages(Collection<Fault> faults, Collection<ReplayIncident> incidents,
      IntFunction<String> regionOf, IntFunction<String> siteOf) {
    Map<String, Fault> outages = new HashMap<>();
    for (Fault f : faults) {
      if (f.kind().equals("region_outage")) {
        outages.putIfAbsent(regionOf.apply(f.deviceId()) + "@" + f.onset(), f);
      }
    }
    int handled = 0;
    for (Fault f : outages.values()) {
      String region = regionOf.apply(f.deviceId());
      Instant end = (f.endsAt() == null ? Instant.MAX : f.endsAt().plus(LATE_GRACE));
      long disruptions = incidents.stream().filter(i -> "service_disruption".equals(i.kind()) && !i.absorbed())
          .filter(i -> !i.firingAt().isBefore(f.onset()) && i.firingAt().isBefore(end))
          .filter(i -> i.scopeType().equals("region") ? i.scopeValue().equals(region)
              : i.scopeType().equals("site") && faults.stream().anyMatch(g -> g.kind().equals("region_outage")
                  && regionOf.apply(g.deviceId()).equals(region) && i.scopeValue().equals(siteOf.apply(g.deviceId()))))
          .count();
      if (disruptions == 1) {
        handled++;
      }
    }
    return new int[] {outages.size(), handled};
  }

  private static int flaps(Collection<ReplayIncident> incidents) {
    Map<String, List<ReplayIncident>> byFp = new HashMap<>();
    incidents.forEach(i -> byFp.computeIfAbsent(i.fingerprint(), k -> new ArrayList<>()).add(i));
    int flaps = 0;
    for (List<ReplayIncident> list : byFp.values()) {
      list.sort(Comparator.comparing(ReplayIncident::firingAt));
      for (int i = 1; i < list.size(); i++) {
        Instant resolved = list.get(i - 1).resolvedAt();
        if (resolved != null && Duration.between(resolved, list.get(i).firingAt()).compareTo(FLAP_GAP) <= 0) {
          flaps++;
        }
      }
    }
    return flaps;
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> s = values.stream().sorted().toList();
    return s.get(s.size() / 2);
  }
}
