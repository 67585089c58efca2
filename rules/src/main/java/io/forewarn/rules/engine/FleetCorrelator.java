package io.forewarn.rules.engine;

import io.forewarn.rules.ruleset.FleetSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Folds device incidents of one cohort into one service disruption: silences by region and site,
 * degradations by firmware (model@version). A cohort is disrupted when at least {@code minDevices}
 * and {@code minFraction} of its devices fired within the window; its device incidents then point at
 * the disruption (absorbed). A region disruption also absorbs the site disruptions inside it, so a
 * regional outage is one disruption whichever cohort crossed the bar first.
 *
 * <p>A firmware is also disrupted when the {@link CohortMonitor} finds it worse than the model's other
 * firmwares, often long before its devices are sure one by one. That disruption lists every device of the
 * firmware (and so every customer running it), is the same one the device incidents would open or have
 * opened (one per firmware), and stays open while the comparison holds it, however few device incidents
 * there are.
 */
final class FleetCorrelator {
  private final FleetSettings settings;
  private final Map<String, Integer> cohortSizes = new HashMap<>();
  /** Each device's cohort keys, built once: correlation runs after every sample and would build them anew. */
  private final Map<Integer, CohortKeys> keys = new HashMap<>();
  private final Map<String, String> siteRegion = new HashMap<>();
  private final Map<String, Incident> disruptions = new HashMap<>(); // cohort key -> open disruption
  private final Map<String, List<DeviceInfo>> firmwareMembers = new HashMap<>();

  FleetCorrelator(FleetSettings settings, Collection<DeviceInfo> fleet) {
    this.settings = settings;
    for (DeviceInfo d : fleet) {
      keys.put(d.id(), new CohortKeys(region(d), site(d), firmware(d)));
      for (String key : List.of(region(d), site(d), firmware(d))) {
        cohortSizes.merge(key, 1, Integer::sum);
      }
      siteRegion.put(site(d), region(d));
      firmwareMembers.computeIfAbsent(firmware(d), k -> new ArrayList<>()).add(d);
    }
  }

  private record CohortKeys(String region, String site, String firmware) {}

  private static String region(DeviceInfo d) {
    return "region:" + d.region();
  }

  private static String site(DeviceInfo d) {
    return "site:" + d.site();
  }

  private static String firmware(DeviceInfo d) {
    return firmwareKey(d.model(), d.firmware());
  }

  /** The cohort key (and disruption scope) of a firmware: {@code firmware:model@version}. */
  static String firmwareKey(String model, String firmware) {
    return "firmware:" + model + "@" + firmware;
  }

  void restore(Collection<Incident> stored) {
    for (Incident i : stored) {
      if (Incident.SERVICE_DISRUPTION.equals(i.kind())) {
        disruptions.put(i.scopeType() + ":" + i.scopeValue(), i);
      }
    }
  }

  List<Transition> correlate(long now, Map<String, Incident> open, CohortMonitor cohorts) {
    List<Transition> out = new ArrayList<>();
    for (CohortMonitor.Change change : cohorts.drainChanges()) {
      if (change.fired()) {
        cohortFound(change, now, open, out);
      }
    }
    Map<String, List<Incident>> byCohort = byCohort(open);
    // Regions first, so a site inside a disrupted region is absorbed rather than opened on its own.
    List<String> keys = new ArrayList<>(new TreeSet<>(byCohort.keySet()).descendingSet());
    keys.sort((a, b) -> Boolean.compare(!a.startsWith("region:"), !b.startsWith("region:")));
    for (String key : keys) {
      List<Incident> members = byCohort.get(key);
      Incident disruption = disruptions.get(key);
      if (disruption == null && qualifies(key, members, now) && !insideDisruptedRegion(key)) {
        disruption = openDisruption(key, members, now);
        open.put(disruption.fingerprint(), disruption);
        out.add(new Transition(Transition.Type.OPENED, disruption, true));
        if (key.startsWith("region:")) {
          absorbSites(key, disruption, open, out);
        }
        absorb(disruption, members, open, out, true);
      } else if (disruption != null) {
        absorb(disruption, members, open, out, false);
      }
    }
    for (String key : List.copyOf(disruptions.keySet())) {
      int affected = byCohort.getOrDefault(key, List.of()).size();
      if (!cohorts.holds(key) && affected < settings.resolveBelow() * cohortSizes.getOrDefault(key, 1)) {
        Incident d = disruptions.remove(key);
        open.remove(d.fingerprint());
        out.add(new Transition(Transition.Type.RESOLVED, d.resolved(Instant.ofEpochMilli(now)),
            d.parentFingerprint() == null));
      }
    }
    return out;
  }

  /**
   * A device incident opening while its firmware's disruption is open belongs to it from the start: its
   * customer hears of the disruption (which lists the device, adding it if need be), not of it as well.
   */
  Incident adopt(DeviceInfo device, Incident incident, Map<String, Incident> open, List<Transition> out) {
    Incident disruption = disruptions.get(firmware(device));
    if (disruption == null || !"degradation".equals(incident.details().get("fleet_signal"))) {
      return incident;
    }
    Incident grown = withAffected(disruption, List.of(incident));
    if (listsMore(grown, disruption)) {
      disruptions.put(firmware(device), grown);
      open.put(grown.fingerprint(), grown);
      out.add(new Transition(Transition.Type.UPDATED, grown, grown.parentFingerprint() == null));
    }
    return incident.withParent(disruption.fingerprint());
  }

  /** Open device incidents by the cohorts they count towards. */
  private Map<String, List<Incident>> byCohort(Map<String, Incident> open) {
    Map<String, List<Incident>> byCohort = new HashMap<>();
    for (Incident i : open.values()) {
      if (!Incident.DEVICE_PROBLEM.equals(i.kind()) || i.deviceId() == null) {
        continue;
      }
      CohortKeys d = keys.get(i.deviceId());
      Object signal = i.details().get("fleet_signal");
      if (d == null || signal == null) {
        continue;
      }
      if (signal.equals("silence")) {
        byCohort.computeIfAbsent(d.region(), k -> new ArrayList<>()).add(i);
        byCohort.computeIfAbsent(d.site(), k -> new ArrayList<>()).add(i);
      } else if (signal.equals("degradation")) {
        byCohort.computeIfAbsent(d.firmware(), k -> new ArrayList<>()).add(i);
      }
    }
    return byCohort;
  }

  /**
   * A firmware compared worse than the model's others: the fault concerns every device running it, so its
   * disruption lists them all and each of their customers hears of it once. Opens that disruption (absorbing
   * the device incidents it has), or extends the one the device incidents opened.
   */
  private void cohortFound(CohortMonitor.Change change, long now, Map<String, Incident> open, List<Transition> out) {
    String key = change.firmwareKey();
    List<DeviceInfo> cohort = firmwareMembers.getOrDefault(key, List.of());
    List<Integer> ids = cohort.stream().map(DeviceInfo::id).toList();
    List<Long> customers = cohort.stream().map(DeviceInfo::customerId).filter(java.util.Objects::nonNull).toList();
    String summary = cohortSummary(key, cohort.size(), change.evidence());
    Incident known = disruptions.get(key);
    Map<String, Object> details = new HashMap<>(known == null ? Map.of() : known.details());
    details.putAll(change.evidence());
    details.put("cohort_size", cohort.size());
    if (known != null) {
      Incident grown = withAffected(known.withDetails(details).withSummary(summary), ids, customers);
      disruptions.put(key, grown);
      open.put(grown.fingerprint(), grown);
      out.add(new Transition(Transition.Type.UPDATED, grown, grown.parentFingerprint() == null));
      return;
    }
    Instant at = Instant.ofEpochMilli(now);
    Instant since = Instant.ofEpochMilli(Math.min(change.since(), now));
    String value = key.substring(key.indexOf(':') + 1);
    Incident d = withAffected(new Incident(key + ":disruption", Incident.SERVICE_DISRUPTION, "fleet/firmware",
        "firmware", value, null, null, "firing", "critical", summary, Incident.SOFTWARE_FAULT, details, null, null,
        null, since, at, null), ids, customers);
    disruptions.put(key, d);
    open.put(d.fingerprint(), d);
    out.add(new Transition(Transition.Type.OPENED, d, true));
    absorb(d, byCohort(open).getOrDefault(key, List.of()), open, out, true);
  }

  private static String cohortSummary(String key, int size, Map<String, Object> e) {
    double shift = ((Number) e.get("cohort_shift")).doubleValue();
    return "All " + size + " devices on " + key.substring(key.indexOf(':') + 1) + " are affected: "
        + e.get("cohort_metric") + " is " + Math.abs(shift) + (shift < 0 ? " lower" : " higher")
        + " than on the model's other firmwares (" + e.get("control_devices_reporting") + " devices compared) since "
        + e.get("cohort_shift_since") + ". A software fault, not individual faults.";
  }

  private boolean qualifies(String key, List<Incident> members, long now) {
    long window = settings.window().toMillis() * (key.startsWith("firmware:") ? settings.firmwareWindowFactor() : 1);
    long recent = members.stream().filter(i -> now - i.firingAt().toEpochMilli() <= window).count();
    return recent >= settings.minDevices() && recent >= settings.minFraction() * cohortSizes.getOrDefault(key, 1);
  }

  private boolean insideDisruptedRegion(String key) {
    return key.startsWith("site:") && disruptions.containsKey(siteRegion.get(key));
  }

  private Incident openDisruption(String key, List<Incident> members, long now) {
    int colon = key.indexOf(':');
    String scopeType = key.substring(0, colon);
    String scopeValue = key.substring(colon + 1);
    Map<String, Object> details = new HashMap<>();
    details.put("cohort_size", cohortSizes.getOrDefault(key, 0));
    details.put("detected_by", "device_incidents");
    String what = key.startsWith("firmware:") ? "are degrading" : "stopped reporting";
    String summary = members.size() + " devices in " + scopeType + " " + scopeValue + " " + what
        + " at about the same time: a service disruption, not individual faults.";
    Instant at = Instant.ofEpochMilli(now);
    Incident d = new Incident(key + ":disruption", Incident.SERVICE_DISRUPTION, "fleet/" + scopeType, scopeType,
        scopeValue, null, null, "firing", "critical", summary, summaryKey(key), details, null, null, null,
        members.stream().map(Incident::openedAt).min(Instant::compareTo).orElse(at), at, null);
    d = withAffected(d, members);
    disruptions.put(key, d);
    return d;
  }

  /**
   * The customer-facing problem key (the notifier's phrase books): silence across a region or site is
   * our network failing; devices of one firmware degrading together is a software fault.
   */
  static String summaryKey(String cohortKey) {
    return cohortKey.startsWith("firmware:") ? Incident.SOFTWARE_FAULT : Incident.NETWORK_OUTAGE;
  }

  /**
   * Whether {@code grown} lists devices or customers {@code before} did not: only that is news. (Compared as
   * numbers: details read back from the database hold Integers where the engine wrote Longs.)
   */
  private static boolean listsMore(Incident grown, Incident before) {
    return numbers(grown, "affected_device_ids").size() > numbers(before, "affected_device_ids").size()
        || numbers(grown, "affected_customer_ids").size() > numbers(before, "affected_customer_ids").size();
  }

  private static TreeSet<Long> numbers(Incident i, String key) {
    TreeSet<Long> out = new TreeSet<>();
    if (i.details().get(key) instanceof List<?> l) {
      l.forEach(n -> out.add(((Number) n).longValue()));
    }
    return out;
  }

  private static Incident withAffected(Incident d, List<Incident> members) {
    return withAffected(d, members.stream().map(Incident::deviceId).toList(),
        members.stream().map(Incident::customerId).filter(java.util.Objects::nonNull).toList());
  }

  private static Incident withAffected(Incident d, List<Integer> deviceIds, List<Long> customerIds) {
    Map<String, Object> details = new HashMap<>(d.details());
    TreeSet<Integer> ids = new TreeSet<>(d.affectedDeviceIds());
    ids.addAll(deviceIds);
    TreeSet<Long> customers = new TreeSet<>(customerIds);
    Object known = details.get("affected_customer_ids");
    if (known instanceof List<?> l) {
      l.forEach(c -> customers.add(((Number) c).longValue()));
    }
    details.put("affected_device_ids", List.copyOf(ids));
    details.put("affected_customer_ids", List.copyOf(customers));
    return d.withDetails(details);
  }

  private void absorb(Incident disruption, List<Incident> members, Map<String, Incident> open, List<Transition> out,
      boolean newlyOpened) {
    List<Incident> fresh = members.stream().filter(m -> m.parentFingerprint() == null).toList();
    if (fresh.isEmpty()) {
      return;
    }
    String key = disruption.scopeType() + ":" + disruption.scopeValue();
    Incident before = disruptions.get(key);
    Incident grown = withAffected(before, fresh);
    disruptions.put(key, grown);
    open.put(grown.fingerprint(), grown);
    if (!newlyOpened && listsMore(grown, before)) {
      // Only news when it concerns more devices: a disruption listing the whole firmware already has them.
      out.add(new Transition(Transition.Type.UPDATED, grown, grown.parentFingerprint() == null));
    } else {
      out.replaceAll(t -> t.incident().fingerprint().equals(grown.fingerprint()) && t.type() == Transition.Type.OPENED
          ? new Transition(t.type(), grown, t.tell()) : t);
    }
    for (Incident m : fresh) {
      Incident absorbed = m.withParent(disruption.fingerprint());
      open.put(m.fingerprint(), absorbed);
      out.add(new Transition(Transition.Type.ABSORBED, absorbed, false));
    }
  }

  private void absorbSites(String regionKey, Incident region, Map<String, Incident> open, List<Transition> out) {
    for (Map.Entry<String, Incident> e : disruptions.entrySet()) {
      String key = e.getKey();
      if (key.startsWith("site:") && regionKey.equals(siteRegion.get(key))
          && e.getValue().parentFingerprint() == null) {
        Incident absorbed = e.getValue().withParent(region.fingerprint());
        e.setValue(absorbed);
        open.put(absorbed.fingerprint(), absorbed);
        out.add(new Transition(Transition.Type.ABSORBED, absorbed, false));
      }
    }
  }
}
