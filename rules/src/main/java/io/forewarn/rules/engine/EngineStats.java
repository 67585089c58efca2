package io.forewarn.rules.engine;

import java.util.EnumMap;
import java.util.Map;

/** Counters the service exposes as metrics; the engine stays free of any metrics library. */
public final class EngineStats {
  public EngineStats() {}

  volatile long pointsEvaluated;
  volatile long lateSamples;
  long unknownDevices;
  final Map<Transition.Type, Long> transitions = java.util.Collections
      .synchronizedMap(new EnumMap<>(Transition.Type.class));

  public long pointsEvaluated() {
    return pointsEvaluated;
  }

  public long lateSamples() {
    return lateSamples;
  }

  public long unknownDevices() {
    return unknownDevices;
  }

  public long transitions(Transition.Type type) {
    return transitions.getOrDefault(type, 0L);
  }

  void count(Transition t) {
    transitions.merge(t.type(), 1L, Long::sum);
  }
}
