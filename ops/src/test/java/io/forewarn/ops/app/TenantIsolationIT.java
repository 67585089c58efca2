package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant "acme" (with its admin token, the strongest role) attacks tenant "bolt" through every
 * registered route: reads must not show one bolt row, changes must not touch one. The table of
 * attacks must name every route, so a route added without an isolation check fails this test.
 */
class TenantIsolationIT {
  private static OpsFixture f;

  /** One attack: sends requests aimed at bolt's data and checks each reply. */
  @FunctionalInterface
  interface Attack {
    void run(String token) throws Exception;
  }

  @BeforeAll
  static void start() throws Exception {
    f = new OpsFixture("ops_tenants");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void tenantCannotReadOrChangeAnotherTenantsDataThroughAnyRoute() throws Exception {
    // GIVEN an attack for every route, with acme's admin token
    Map<String, Attack> attacks = attacks();
    Set<String> registered = f.service.http().routes().stream().map(r -> r.method() + " " + r.path())
        .collect(Collectors.toSet());
    assertThat(attacks.keySet()).as("every route has an isolation check")
        .containsExactlyInAnyOrderElementsOf(registered);
    String token = f.tokens.get("acme.admin");

    // WHEN each is run THEN each reply shows and changes nothing of bolt's
    for (var e : attacks.entrySet()) {
      e.getValue().run(token);
    }

    // THEN bolt's rows are as seeded
    assertThat(f.db.queryLong("SELECT count(*) FROM incidents i JOIN devices d ON d.id = i.device_id"
        + " JOIN tenants t ON t.id = d.tenant_id WHERE t.slug = 'bolt' AND (i.state = 'resolved'"
        + " OR i.acknowledged_at IS NOT NULL OR i.silenced_until IS NOT NULL)")).isZero();
    assertThat(f.db.queryLong("SELECT count(*) FROM incidents WHERE id IN (" + f.id("bolt.region") + ", "
        + f.id("shared.region")
        + ") AND (state = 'resolved' OR acknowledged_at IS NOT NULL OR silenced_until IS NOT NULL)"))
        .isZero();
    assertThat(f.db.queryLong("SELECT count(*) FROM suppressions WHERE id = " + f.id("bolt.window"))).isOne();
    assertThat(f.db.queryLong("SELECT count(*) FROM suppressions s JOIN devices d ON device_in_scope(d, s.scope_type,"
        + " s.scope_value) WHERE s.tenant_id = " + f.id("tenant.acme") + " AND d.tenant_id <> " + f.id("tenant.acme")))
        .isZero();
    assertThat(
        f.db.queryLong("SELECT count(*) FROM customer_contact_preferences p JOIN customers c ON c.id = p.customer_id"
            + " WHERE c.external_id = 'bolt-cust-1'"))
        .isZero();
    assertThat(f.db.queryLong("SELECT count(*) FROM api_tokens WHERE tenant_id = " + f.id("tenant.bolt")
        + " AND revoked_at IS NOT NULL")).isZero();
    assertThat(f.db.queryLong("SELECT count(*) FROM api_tokens WHERE tenant_id = " + f.id("tenant.bolt"))).isEqualTo(3);
    // AND the fleet's rule sets are as the rules service left them
    assertThat(f.db.queryLong("SELECT count(*) FROM rule_sets")).isOne();
    assertThat(f.db.queryLong("SELECT count(*) FROM rule_set_activations")).isOne();
  }

  private Map<String, Attack> attacks() {
    Map<String, Attack> a = new LinkedHashMap<>();
    long boltIncident = f.id("bolt.incident");
    long boltRegion = f.id("bolt.region");
    long shared = f.id("shared.region");
    String soon = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    String later = Instant.now().plus(5, ChronoUnit.HOURS).toString();
    a.put("GET /api/me", t -> readsNoBolt(f.get("/api/me", t)));
    a.put("GET /api/fleet/summary", t -> {
      var r = readsNoBolt(f.get("/api/fleet/summary", t));
      assertThat(new JsonObject(r.body()).getJsonObject("devices").getLong("devices")).isEqualTo(2);
    });
    a.put("GET /api/devices", t -> {
      readsNoBolt(f.get("/api/devices", t));
      readsNoBolt(f.get("/api/devices?region=south", t));
      readsNoBolt(f.get("/api/devices?status=at_risk", t));
    });
    a.put("GET /api/devices/at-risk", t -> readsNoBolt(f.get("/api/devices/at-risk", t)));
    a.put("GET /api/devices/:deviceId", t -> notFound(f.get("/api/devices/bolt-dev-1", t)));
    a.put("GET /api/devices/:deviceId/telemetry", t -> {
      notFound(f.get("/api/devices/bolt-dev-1/telemetry", t));
      notFound(f.get("/api/devices/bolt-dev-1/telemetry?metric=pressure_bar", t));
    });
    a.put("GET /api/incidents", t -> {
      readsNoBolt(f.get("/api/incidents", t));
      readsNoBolt(f.get("/api/incidents?device=bolt-dev-1", t));
    });
    a.put("GET /api/incidents/stream", this::streamShowsNoBolt);
    a.put("GET /api/incidents/:id", t -> {
      notFound(f.get("/api/incidents/" + boltIncident, t));
      notFound(f.get("/api/incidents/" + boltRegion, t));
      // The shared disruption covers an acme device too: visible, and its reply names no bolt row.
      readsNoBolt(f.get("/api/incidents/" + shared, t));
    });
    for (String action : new String[] {"acknowledge", "resolve", "silence"}) {
      String body = action.equals("silence") ? "{\"until\":\"" + soon + "\",\"reason\":\"x\"}" : "{}";
      a.put("POST /api/incidents/:id/" + action, t -> {
        notFound(f.json("POST", "/api/incidents/" + boltIncident + "/" + action, t, body));
        notFound(f.json("POST", "/api/incidents/" + boltRegion + "/" + action, t, body));
        status(f.json("POST", "/api/incidents/" + shared + "/" + action, t, body), 403, "shared_incident");
      });
    }
    a.put("GET /api/maintenance-windows", t -> readsNoBolt(f.get("/api/maintenance-windows", t)));
    a.put("POST /api/maintenance-windows", t -> {
      String w = "{\"scope_type\":\"%s\",\"scope_value\":\"%s\",\"starts_at\":\"" + soon + "\",\"ends_at\":\"" + later
          + "\",\"reason\":\"works\"}";
      status(f.json("POST", "/api/maintenance-windows", t, w.formatted("region", "south")), 409, "scope_not_own");
      status(f.json("POST", "/api/maintenance-windows", t, w.formatted("region", "shared")), 409, "scope_not_own");
      status(f.json("POST", "/api/maintenance-windows", t, w.formatted("model", "boiler-gb24")), 409, "scope_not_own");
      notFound(f.json("POST", "/api/maintenance-windows", t, w.formatted("device", "bolt-dev-1")));
    });
    a.put("DELETE /api/maintenance-windows/:id", t -> notFound(f.send("DELETE", "/api/maintenance-windows/"
        + f.id("bolt.window"), t, null, null)));
    a.put("GET /api/rules", t -> readsNoBolt(f.get("/api/rules", t)));
    a.put("POST /api/rules/validate", t -> {
      var r = f.json("POST", "/api/rules/validate", t, "{\"models\":{}}");
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(r.body().toLowerCase(Locale.ROOT)).doesNotContain("bolt");
    });
    // Rule sets are fleet-wide: every tenant reads the active one; only the operator tenant manages them.
    String version = f.rulesVersion;
    String ruleFile = io.forewarn.rules.ruleset.RuleFileLoader.defaultText().replace(version, "acme-takeover");
    a.put("GET /api/rules/versions", t -> status(f.get("/api/rules/versions", t), 403, "operator_tenant_only"));
    a.put("GET /api/rules/versions/:version", t -> status(f.get("/api/rules/versions/" + version, t), 403,
        "operator_tenant_only"));
    a.put("POST /api/rules/versions", t -> status(f.json("POST", "/api/rules/versions", t, "{\"rule_file\":" + ruleFile
        + ",\"reason\":\"mine now\",\"expected_active\":\"" + version + "\"}"), 403, "operator_tenant_only"));
    a.put("POST /api/rules/versions/:version/activate", t -> status(f.json("POST", "/api/rules/versions/" + version
        + "/activate", t, "{\"reason\":\"x\",\"expected_active\":\"" + version + "\"}"), 403, "operator_tenant_only"));
    a.put("GET /api/customers", t -> readsNoBolt(f.get("/api/customers", t)));
    a.put("GET /api/customers/:customerId", t -> notFound(f.get("/api/customers/bolt-cust-1", t)));
    a.put("PUT /api/customers/:customerId/preferences", t -> notFound(f.json("PUT",
        "/api/customers/bolt-cust-1/preferences",
        t,
        "{\"channel_order\":[\"email\"],\"opted_out\":[],\"daily_cap\":1,\"quiet_start\":null,\"quiet_end\":null}")));
    a.put("GET /api/notifications", t -> {
      readsNoBolt(f.get("/api/notifications", t));
      readsNoBolt(f.get("/api/notifications?customer=bolt-cust-1", t));
      readsNoBolt(f.get("/api/notifications?incident=" + boltIncident, t));
    });
    a.put("GET /api/kpis", t -> {
      var r = readsNoBolt(f.get("/api/kpis", t));
      assertThat(new JsonObject(r.body()).getJsonObject("nps").getInteger("answers")).isEqualTo(1);
      assertThat(new JsonObject(r.body()).getInteger("customer_incidents")).isEqualTo(2);
    });
    a.put("GET /api/tokens", t -> readsNoBolt(f.get("/api/tokens", t)));
    a.put("POST /api/tokens", t -> {
      var r = f.json("POST", "/api/tokens", t, "{\"name\":\"made-by-acme\",\"role\":\"admin\"}");
      assertThat(r.statusCode()).isEqualTo(201);
      String issued = new JsonObject(r.body()).getString("token");
      assertThat(new JsonObject(f.get("/api/me", issued).body()).getString("tenant")).isEqualTo("acme");
    });
    a.put("DELETE /api/tokens/:id",
        t -> notFound(f.send("DELETE", "/api/tokens/" + f.id("bolt.token.viewer"), t, null, null)));
    return a;
  }

  private void streamShowsNoBolt(String token) throws Exception {
    try (SseClient sse = SseClient.open(f.base + "/api/incidents/stream", token)) {
      // WHEN bolt's incident changes and then acme's does
      f.db.exec("UPDATE incidents SET summary = 'bolt changed' WHERE id = " + f.id("bolt.incident"));
      f.db.exec("UPDATE incidents SET summary = 'acme changed' WHERE id = " + f.id("acme.incident2"));
      // THEN acme's change arrives and bolt's never did
      JsonObject event = sse.next(java.time.Duration.ofSeconds(10));
      assertThat(event.getLong("id")).isEqualTo(f.id("acme.incident2"));
      assertThat(sse.received().toLowerCase(Locale.ROOT)).doesNotContain("bolt");
    }
  }

  private static HttpResponse<String> readsNoBolt(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
    assertThat(r.body().toLowerCase(Locale.ROOT)).as(r.uri().toString()).doesNotContain("bolt");
    return r;
  }

  private static void notFound(HttpResponse<String> r) {
    status(r, 404, "not_found");
  }

  static void status(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + " " + r.body()).isEqualTo(status);
    assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).isEqualTo(code);
  }

}
