package io.forewarn.rules.detection;

import java.time.Duration;

/**
 * pending -> firing -> cleared, driven by the timestamps of the data. A breach must last {@code forDuration}
 * before the alert fires; once firing, only a {@link Condition#CLEAR} that lasts {@code clearDuration} clears
 * it, so values wandering between the clear and trigger levels cannot make it flap.
 */
public final class AlertStateMachine {
  private final long forMillis;
  private final long clearMillis;
  private AlertPhase phase;
  private long sinceMillis;
  private long clearingSinceMillis; // start of the current CLEAR run while firing, or NO_TIME
  private static final long NO_TIME = Long.MIN_VALUE;

  /** Persistable state of the machine. */
  public record State(AlertPhase phase, long sinceMillis, long clearingSinceMillis) {
    public State {
      if (phase == null) {
        throw new IllegalArgumentException("phase is required");
      }
    }

    public void write(StateBytes.Writer w) {
      w.putInt(phase.ordinal()).putLong(sinceMillis).putLong(clearingSinceMillis);
    }

    public static State read(StateBytes.Reader r) {
      int ordinal = r.getInt();
      if (ordinal < 0 || ordinal >= AlertPhase.values().length) {
        throw new IllegalArgumentException("bad alert phase " + ordinal);
      }
      return new State(AlertPhase.values()[ordinal], r.getLong(), r.getLong());
    }
  }

  public AlertStateMachine(Duration forDuration, Duration clearDuration) {
    if (forDuration.isNegative() || clearDuration.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    this.forMillis = forDuration.toMillis();
    this.clearMillis = clearDuration.toMillis();
    this.phase = AlertPhase.INACTIVE;
    this.sinceMillis = NO_TIME;
    this.clearingSinceMillis = NO_TIME;
  }

  public AlertStep step(long atMillis, Condition condition) {
    AlertEvent event = AlertEvent.NONE;
    switch (phase) {
      case INACTIVE -> {
        if (condition == Condition.BREACHING) {
          enter(AlertPhase.PENDING, atMillis);
          event = AlertEvent.PENDING_STARTED;
          if (forMillis == 0) {
            enter(AlertPhase.FIRING, atMillis);
            event = AlertEvent.FIRED;
          }
        }
      }
      case PENDING -> {
        if (condition != Condition.BREACHING) {
          enter(AlertPhase.INACTIVE, atMillis);
          event = AlertEvent.PENDING_ABANDONED;
        } else if (atMillis - sinceMillis >= forMillis) {
          enter(AlertPhase.FIRING, atMillis);
          event = AlertEvent.FIRED;
        }
      }
      case FIRING -> {
        if (condition != Condition.CLEAR) {
          clearingSinceMillis = NO_TIME;
        } else {
          if (clearingSinceMillis == NO_TIME) {
            clearingSinceMillis = atMillis;
          }
          if (atMillis - clearingSinceMillis >= clearMillis) {
            enter(AlertPhase.INACTIVE, atMillis);
            event = AlertEvent.CLEARED;
          }
        }
      }
    }
    return new AlertStep(phase, event, sinceMillis);
  }

  private void enter(AlertPhase next, long atMillis) {
    phase = next;
    sinceMillis = atMillis;
    clearingSinceMillis = NO_TIME;
  }

  public AlertPhase phase() {
    return phase;
  }

  public State snapshot() {
    return new State(phase, sinceMillis, clearingSinceMillis);
  }

  public void restore(State state) {
    this.phase = state.phase();
    this.sinceMillis = state.sinceMillis();
    this.clearingSinceMillis = state.clearingSinceMillis();
  }
}
