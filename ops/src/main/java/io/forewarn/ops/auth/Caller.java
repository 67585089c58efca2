package io.forewarn.ops.auth;

/** Who is calling: the token that authenticated the request, its tenant and its role. */
public record Caller(long tokenId, String tokenName, int tenantId, String tenantSlug, Role role) {
  public Caller {
    if (tokenName == null || tenantSlug == null || role == null) {
      throw new IllegalArgumentException("tokenName, tenantSlug and role are required");
    }
  }

  /** How the caller appears in audit trails (incident_events.actor, suppressions.created_by). */
  public String actor() {
    return "api:" + tenantSlug + "/" + tokenName;
  }
}
