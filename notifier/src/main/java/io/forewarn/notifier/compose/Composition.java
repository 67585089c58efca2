package io.forewarn.notifier.compose;

import java.util.Objects;

/** A channel message ready to send, or why it cannot be written (nothing half-done is sent). */
public sealed interface Composition<M> {
  record Ready<M>(M message) implements Composition<M> {
    public Ready {
      Objects.requireNonNull(message, "message");
    }
  }

  record Failed<M>(String reason) implements Composition<M> {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
