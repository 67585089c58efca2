package io.forewarn.simulator.fault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** All faults of a run, in the order of device index then onset, with a per-device lookup. */
public record FaultPlan(Instant windowStart, Instant windowEnd, List<Fault> faults) {
  public FaultPlan {
    List<Fault> sorted = new ArrayList<>(faults);
    sorted.sort(Comparator.comparingInt(Fault::deviceIndex).thenComparing(Fault::onset));
    faults = List.copyOf(sorted);
  }

  /** The faults of one device (usually none, sometimes one, now and then an outage on top). */
  public List<Fault> forDevice(int deviceIndex) {
    int lo = 0;
    int hi = faults.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (faults.get(mid).deviceIndex() < deviceIndex) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int end = lo;
    while (end < faults.size() && faults.get(end).deviceIndex() == deviceIndex) {
      end++;
    }
    return faults.subList(lo, end);
  }

  public long count(FaultKind kind) {
    return faults.stream().filter(f -> f.kind() == kind).count();
  }
}
