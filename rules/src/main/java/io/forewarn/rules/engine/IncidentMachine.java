package io.forewarn.rules.engine;

import io.forewarn.rules.detection.Condition;
import io.forewarn.rules.detection.StateBytes;

/**
 * inactive -> pending -> firing -> inactive for one (device, rule). A breach must last {@code for};
 * once firing, the incident stays at least {@code minFiring} and resolves only after {@code clear}
 * of uninterrupted CLEAR, so a value hovering near the limit cannot open and resolve it repeatedly.
 */
final class IncidentMachine {
  enum Phase { INACTIVE, PENDING, FIRING }

  enum Event { NONE, FIRED, RESOLVED }

  private static final long NO_TIME = Long.MIN_VALUE;
  private final long forMillis;
  private final long clearMillis;
  private final long minFiringMillis;
  private Phase phase = Phase.INACTIVE;
  private long pendingSince = NO_TIME;
  private long firingSince = NO_TIME;
  private long clearSince = NO_TIME;

  IncidentMachine(long forMillis, long clearMillis, long minFiringMillis) {
    this.forMillis = forMillis;
    this.clearMillis = clearMillis;
    this.minFiringMillis = minFiringMillis;
  }

  Event step(long at, Condition c) {
    switch (phase) {
      case INACTIVE -> {
        if (c == Condition.BREACHING) {
          phase = Phase.PENDING;
          pendingSince = at;
          return fireIfDue(at);
        }
      }
      case PENDING -> {
        if (c != Condition.BREACHING) {
          phase = Phase.INACTIVE;
          pendingSince = NO_TIME;
        } else {
          return fireIfDue(at);
        }
      }
      case FIRING -> {
        if (c != Condition.CLEAR) {
          clearSince = NO_TIME;
        } else {
          if (clearSince == NO_TIME) {
            clearSince = at;
          }
          if (at - clearSince >= clearMillis && at - firingSince >= minFiringMillis) {
            phase = Phase.INACTIVE;
            pendingSince = NO_TIME;
            firingSince = NO_TIME;
            clearSince = NO_TIME;
            return Event.RESOLVED;
          }
        }
      }
    }
    return Event.NONE;
  }

  private Event fireIfDue(long at) {
    if (at - pendingSince >= forMillis) {
      phase = Phase.FIRING;
      firingSince = at;
      clearSince = NO_TIME;
      return Event.FIRED;
    }
    return Event.NONE;
  }

  Phase phase() {
    return phase;
  }

  long pendingSince() {
    return pendingSince;
  }

  void write(StateBytes.Writer w) {
    w.putInt(phase.ordinal()).putLong(pendingSince).putLong(firingSince).putLong(clearSince);
  }

  void read(StateBytes.Reader r) {
    int p = r.getInt();
    if (p < 0 || p >= Phase.values().length) {
      throw new IllegalArgumentException("bad incident phase " + p);
    }
    phase = Phase.values()[p];
    pendingSince = r.getLong();
    firingSince = r.getLong();
    clearSince = r.getLong();
  }
}
