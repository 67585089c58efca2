package io.forewarn.ops.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token may do. Each role includes the ones before it (docs/api.md has the table). */
public enum Role {
  /** Reads everything of its tenant. */
  VIEWER,
  /** Also acts: acknowledges, resolves and silences incidents, plans maintenance, validates rules, edits preferences. */
  OPERATOR,
  /** Also manages the tenant's API tokens; in the operator tenant, also the fleet's rule sets. */
  ADMIN;

  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.dbName().equals(text)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
