package io.forewarn.ops.auth;

import io.vertx.core.Future;
import java.util.Optional;

/** Turns a presented bearer token into the caller it belongs to; empty when unknown, revoked or expired. */
public interface Authenticator {
  Future<Optional<Caller>> authenticate(String token);
}
