package io.forewarn.rules.replay;

import io.forewarn.rules.engine.Incident;
import io.forewarn.rules.engine.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps the incidents of a replay in memory: a replay never touches the live incident tables. */
public final class ReplayRecorder {
  private final List<ReplayIncident> all = new ArrayList<>();
  private final List<Map<Integer, Instant>> listed = new ArrayList<>();
  private final Map<String, Integer> openIndex = new HashMap<>();

  /** The transitions the engine returned at {@code at} (the sample's or tick's time). */
  public void record(long at, List<Transition> transitions) {
    for (Transition t : transitions) {
      Incident i = t.incident();
      switch (t.type()) {
        case OPENED -> {
          openIndex.put(i.fingerprint(), all.size());
          all.add(new ReplayIncident(i.fingerprint(), i.kind(), i.ruleId(), i.scopeType(), i.scopeValue(),
              i.deviceId(), i.firingAt(), null, i.parentFingerprint() != null));
          listed.add(new HashMap<>());
          list(all.size() - 1, i, i.firingAt());
        }
        case ABSORBED -> replace(i, false);
        case RESOLVED -> replace(i, true);
        case UPDATED -> {
          Integer idx = openIndex.get(i.fingerprint());
          if (idx != null) {
            list(idx, i, Instant.ofEpochMilli(at));
          }
        }
        case RELEASED -> {
        }
      }
    }
  }

  /** A disruption's devices, each from the first time it was listed. */
  private void list(int idx, Incident i, Instant at) {
    for (Integer device : i.affectedDeviceIds()) {
      listed.get(idx).putIfAbsent(device, at);
    }
  }

  private void replace(Incident i, boolean resolved) {
    Integer idx = resolved ? openIndex.remove(i.fingerprint()) : openIndex.get(i.fingerprint());
    if (idx == null) {
      return;
    }
    ReplayIncident old = all.get(idx);
    all.set(idx, new ReplayIncident(old.fingerprint(), old.kind(), old.ruleId(), old.scopeType(), old.scopeValue(),
        old.deviceId(), old.firingAt(), resolved ? i.resolvedAt() : null,
        old.absorbed() || i.parentFingerprint() != null));
  }

  public List<ReplayIncident> incidents() {
    List<ReplayIncident> out = new ArrayList<>(all.size());
    for (int k = 0; k < all.size(); k++) {
      ReplayIncident i = all.get(k);
      out.add(new ReplayIncident(i.fingerprint(), i.kind(), i.ruleId(), i.scopeType(), i.scopeValue(), i.deviceId(),
          i.firingAt(), i.resolvedAt(), i.absorbed(), listed.get(k)));
    }
    return out;
  }
}
