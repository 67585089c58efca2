package io.forewarn.rules.replay;

import io.forewarn.rules.engine.Incident;
import io.forewarn.rules.engine.Transition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps the incidents of a replay in memory: a replay never touches the live incident tables. */
public final class ReplayRecorder {
  private final List<ReplayIncident> all = new ArrayList<>();
  private final Map<String, Integer> openIndex = new HashMap<>();

  public void record(List<Transition> transitions) {
    for (Transition t : transitions) {
      Incident i = t.incident();
      switch (t.type()) {
        case OPENED -> {
          openIndex.put(i.fingerprint(), all.size());
          all.add(new ReplayIncident(i.fingerprint(), i.kind(), i.ruleId(), i.scopeType(), i.scopeValue(),
              i.deviceId(), i.firingAt(), null, i.parentFingerprint() != null));
        }
        case ABSORBED -> replace(i, false);
        case RESOLVED -> replace(i, true);
        case UPDATED, RELEASED -> { }
      }
    }
  }

  private void replace(Incident i, boolean resolved) {
    Integer idx = resolved ? openIndex.remove(i.fingerprint()) : openIndex.get(i.fingerprint());
    if (idx == null) {
      return;
    }
    ReplayIncident old = all.get(idx);
    all.set(idx, new ReplayIncident(old.fingerprint(), old.kind(), old.ruleId(), old.scopeType(), old.scopeValue(),
        old.deviceId(), old.firingAt(), resolved ? i.resolvedAt() : null, old.absorbed() || i.parentFingerprint() != null));
  }

  public List<ReplayIncident> incidents() {
    return List.copyOf(all);
  }
}
