package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.ops.auth.Role;
import io.forewarn.ops.auth.TokenStore;
import io.forewarn.ops.http.Api;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route, called by a viewer, an operator and an admin of the route's own tenant (the operator
 * tenant for fleet-wide routes): refused with 403 exactly when the role is below the one the route is
 * documented with (docs/api.md), and the table of documented roles and fleet-wide routes must match
 * what is registered.
 */
class RolesIT {
  private static OpsFixture f;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    f = new OpsFixture("ops_roles");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** The fleet-wide routes of docs/api.md: only the operator tenant's tokens, with these roles. */
  static final Map<String, Role> FLEET_WIDE = Map.of("GET /api/rules/versions", Role.ADMIN,
      "GET /api/rules/versions/:version", Role.ADMIN, "POST /api/rules/versions", Role.ADMIN,
      "POST /api/rules/versions/:version/activate", Role.ADMIN);

  /** The role table of docs/api.md, as data. */
  static final Map<String, Role> DOCUMENTED = new HashMap<>();

  static {
    for (String r : new String[] {"GET /api/me", "GET /api/fleet/summary", "GET /api/devices",
        "GET /api/devices/at-risk",
        "GET /api/devices/:deviceId", "GET /api/devices/:deviceId/telemetry", "GET /api/incidents",
        "GET /api/incidents/stream", "GET /api/incidents/:id", "GET /api/maintenance-windows", "GET /api/rules",
        "GET /api/customers", "GET /api/customers/:customerId", "GET /api/notifications", "GET /api/kpis"}) {
      DOCUMENTED.put(r, Role.VIEWER);
    }
    for (String r : new String[] {"POST /api/incidents/:id/acknowledge", "POST /api/incidents/:id/resolve",
        "POST /api/incidents/:id/silence", "POST /api/maintenance-windows", "DELETE /api/maintenance-windows/:id",
        "POST /api/rules/validate", "PUT /api/customers/:customerId/preferences"}) {
      DOCUMENTED.put(r, Role.OPERATOR);
    }
    for (String r : new String[] {"GET /api/tokens", "POST /api/tokens", "DELETE /api/tokens/:id"}) {
      DOCUMENTED.put(r, Role.ADMIN);
    }
    DOCUMENTED.putAll(FLEET_WIDE);
  }

  @Test
  void eachRoleIsRefusedExactlyTheRoutesAboveIt() throws Exception {
    // GIVEN the registered routes and a spare token the admin may revoke
    Map<String, Role> registered = new HashMap<>();
    Map<String, Role> fleetWide = new HashMap<>();
    for (Api.Route r : f.service.http().routes()) {
      registered.put(r.method() + " " + r.path(), r.role());
      if (r.operatorTenantOnly()) {
        fleetWide.put(r.method() + " " + r.path(), r.role());
      }
    }
    assertThat(registered).as("docs/api.md role table").isEqualTo(DOCUMENTED);
    assertThat(fleetWide).as("docs/api.md fleet-wide routes").isEqualTo(FLEET_WIDE);
    long spare;
    try (Connection c = f.db.connect()) {
      spare = TokenStore.issue(c, (int) f.id("tenant.acme"), "spare", Role.VIEWER, "test", null).id();
    }

    for (Api.Route route : f.service.http().routes()) {
      for (Role role : Role.values()) {
        // WHEN the route is called with this role on acme's own data (the operator tenant's, if fleet-wide)
        String tenant = route.operatorTenantOnly() ? "default." : "acme.";
        HttpResponse<InputStream> r = call(route, f.tokens.get(tenant + role.dbName()), spare);
        int status = r.statusCode();
        String body = status == 200 && route.path().endsWith("/stream") ? "" : new String(r.body().readAllBytes(),
            StandardCharsets.UTF_8);
        r.body().close();
        // THEN it is refused exactly when the role is too low, and never fails on our side
        String what = role + " " + route.method() + " " + route.path() + " -> " + status + " " + body;
        assertThat(status).as(what).isLessThan(500).isNotEqualTo(401);
        if (role.includes(route.role())) {
          assertThat(status).as(what).isNotEqualTo(403);
        } else {
          assertThat(status).as(what).isEqualTo(403);
          assertThat(new JsonObject(body).getJsonObject("error").getString("code")).isEqualTo("forbidden");
        }
      }
    }
  }

  private static HttpResponse<InputStream> call(Api.Route route, String token, long spareToken) throws Exception {
    String path = route.path().replace(":deviceId", "acme-dev-1").replace(":customerId", "acme-cust-1")
        .replace(":version", f.rulesVersion);
    String soon = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    String body = switch (route.method().name() + " " + route.path()) {
      case "POST /api/incidents/:id/silence" -> "{\"until\":\"" + soon + "\",\"reason\":\"test\"}";
      case "POST /api/maintenance-windows" ->
        "{\"scope_type\":\"region\",\"scope_value\":\"north\",\"starts_at\":\"" + soon
            + "\",\"ends_at\":\"" + Instant.now().plus(3, ChronoUnit.HOURS) + "\",\"reason\":\"works\"}";
      case "POST /api/rules/validate" -> "{\"models\":{}}";
      case "POST /api/rules/versions" -> "{\"rule_file\":{\"models\":{}},\"reason\":\"r\",\"expected_active\":\"x\"}";
      case "POST /api/rules/versions/:version/activate" -> "{\"reason\":\"r\",\"expected_active\":\"x\"}";
      case "PUT /api/customers/:customerId/preferences" ->
        "{\"channel_order\":[\"sms\"],\"opted_out\":[],\"daily_cap\":2,"
            + "\"quiet_start\":\"21:00\",\"quiet_end\":\"07:00\"}";
      case "POST /api/tokens" -> "{\"name\":\"by-role-test\",\"role\":\"viewer\"}";
      default -> route.method().name().equals("GET") || route.method().name().equals("DELETE") ? null : "{}";
    };
    if (path.startsWith("/api/incidents/:id")) {
      path = path.replace(":id", String.valueOf(f.id("acme.incident")));
    } else if (path.startsWith("/api/maintenance-windows/:id")) {
      path = path.replace(":id", String.valueOf(f.id("acme.window")));
    } else if (path.startsWith("/api/tokens/:id")) {
      path = path.replace(":id", String.valueOf(spareToken));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base + path)).header("Authorization", "Bearer " + token)
        .method(route.method().name(), body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
