package io.forewarn.ops.app;

import io.forewarn.common.db.Database;
import io.forewarn.common.db.DbUrl;
import io.forewarn.ops.auth.Role;
import io.forewarn.ops.auth.TokenStore;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ops token --tenant SLUG [--tenant-name NAME] --role ROLE --name NAME}: creates the tenant
 * when it does not exist, then a token, and prints the token (its only appearance; only the hash
 * is stored). Uses FOREWARN_DB_URL and applies migrations first.
 */
final class TokenCommand {
  private final PrintStream out;
  private final PrintStream err;

  TokenCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args, Map<String, String> env) {
    String tenant = "default";
    String tenantName = null;
    String roleText = "admin";
    String name = null;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--tenant" -> tenant = value;
        case "--tenant-name" -> tenantName = value;
        case "--role" -> roleText = value;
        case "--name" -> name = value;
        default -> problems.add("unknown option " + args[i]);
      }
      i++;
    }
    String db = env.get("FOREWARN_DB_URL");
    Optional<Role> role = Role.parse(roleText);
    if (db == null || db.isBlank()) {
      problems.add("FOREWARN_DB_URL is required");
    }
    if (tenant == null || !tenant.matches("[a-z0-9][a-z0-9-]{0,39}")) {
      problems.add("--tenant must be 1-40 of [a-z0-9-]");
    }
    if (role.isEmpty()) {
      problems.add("--role must be viewer, operator or admin");
    }
    if (name == null || name.isBlank() || name.length() > 80) {
      problems.add("--name is required (1-80 characters)");
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("ops token: " + p));
      return 2;
    }
    try (var pool = Database.pool(db, 2, "ops-token")) { // Flyway holds a second connection for its lock
      Database.migrate(pool);
    }
    try (Connection c = DriverManager.getConnection(DbUrl.toJdbc(db))) {
      int tenantId = tenant(c, tenant, tenantName == null ? tenant : tenantName);
      TokenStore.Issued issued = TokenStore.issue(c, tenantId, name, role.get(), "command-line", null);
      out.println(issued.token());
      return 0;
    } catch (SQLException e) {
      err.println("ops token: " + e.getMessage());
      return 1;
    }
  }

  private static int tenant(Connection c, String slug, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenants (slug, name) VALUES (?, ?)"
        + " ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id")) {
      ps.setString(1, slug);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
