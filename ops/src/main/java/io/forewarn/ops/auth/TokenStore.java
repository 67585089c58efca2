package io.forewarn.ops.auth;

import io.forewarn.ops.db.Jdbc;
import io.forewarn.ops.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** API tokens in {@code api_tokens}: only their SHA-256 is kept. */
public final class TokenStore implements Authenticator {
  /** last_used_at is written at most this often per token, so reads do not turn into writes. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  /** A new token: the secret is in this object only, never stored. */
  public record Issued(long id, String token, JsonObject info) {}

  private final Jdbc jdbc;
  private final Clock clock;

  public TokenStore(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Future<Optional<Caller>> authenticate(String token) {
    byte[] hash = ApiTokens.sha256(token);
    return jdbc.call(c -> find(c, hash));
  }

  private Optional<Caller> find(Connection c, byte[] hash) throws SQLException {
    Instant now = clock.instant();
    try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.name, a.role, a.tenant_id, t.slug, a.token_sha256,"
        + " a.last_used_at FROM api_tokens a JOIN tenants t ON t.id = a.tenant_id WHERE a.token_sha256 = ?"
        + " AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > ?)")) {
      ps.setBytes(1, hash);
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !ApiTokens.sameHash(hash, rs.getBytes(6))) {
          return Optional.empty();
        }
        Optional<Role> role = Role.parse(rs.getString(3));
        if (role.isEmpty()) {
          return Optional.empty();
        }
        Caller caller = new Caller(rs.getLong(1), rs.getString(2), rs.getInt(4), rs.getString(5), role.get());
        Timestamp used = rs.getTimestamp(7);
        if (used == null || used.toInstant().plus(TOUCH_EVERY).isBefore(now)) {
          touch(c, caller.tokenId(), now);
        }
        return Optional.of(caller);
      }
    }
  }

  private static void touch(Connection c, long id, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** Blocking form for the command line and for tests (not for the event loop). */
  public static Issued issue(Connection c, int tenantId, String name, Role role, String createdBy, Instant expiresAt)
      throws SQLException {
    String token = ApiTokens.generate();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (tenant_id, name, role, token_sha256,"
        + " created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
      ps.setInt(1, tenantId);
      ps.setString(2, name);
      ps.setString(3, role.dbName());
      ps.setBytes(4, ApiTokens.sha256(token));
      ps.setString(5, createdBy);
      ps.setTimestamp(6, expiresAt == null ? null : Timestamp.from(expiresAt));
      JsonObject info = Rows.first(ps);
      return new Issued(info.getLong("id"), token, info);
    }
  }

  private static final String COLUMNS = "id, name, role, created_by, created_at, expires_at, revoked_at, last_used_at";

  public Future<Issued> create(int tenantId, String name, Role role, String createdBy, Instant expiresAt) {
    return jdbc.call(c -> issue(c, tenantId, name, role, createdBy, expiresAt));
  }

  public Future<JsonArray> list(int tenantId) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE tenant_id = ?"
          + " ORDER BY id")) {
        ps.setInt(1, tenantId);
        return Rows.all(ps);
      }
    });
  }

  /** True when a live token of this tenant was revoked now. */
  public Future<Boolean> revoke(int tenantId, long id) {
    return jdbc.call(c -> {
      try (PreparedStatement ps = c
          .prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND tenant_id = ?"
              + " AND revoked_at IS NULL")) {
        ps.setTimestamp(1, Timestamp.from(clock.instant()));
        ps.setLong(2, id);
        ps.setInt(3, tenantId);
        return ps.executeUpdate() == 1;
      }
    });
  }
}
