package io.forewarn.notifier.channel;

/** The verdict on an incoming signed request. Only {@link #VALID} may be acted on. */
public enum SignatureCheck {
  VALID,
  /** A signature or timestamp header is absent. */
  MISSING,
  /** The header is present but not in the expected format. */
  MALFORMED,
  /** The signature does not match the body: forged, altered, or signed with another secret. */
  MISMATCH,
  /** The signature matches but the timestamp is outside the tolerance: a possible replay. */
  STALE
}
