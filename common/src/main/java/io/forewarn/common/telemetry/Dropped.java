package io.forewarn.common.telemetry;

/** A part of an otherwise accepted message that was left out, and why. */
public record Dropped(String what, RejectReason reason, String detail) {
  public Dropped {
    if (what == null || reason == null) {
      throw new IllegalArgumentException("what and reason are required");
    }
  }

  public String describe() {
    return what + ": " + reason.code() + (detail == null ? "" : " (" + detail + ")");
  }
}
