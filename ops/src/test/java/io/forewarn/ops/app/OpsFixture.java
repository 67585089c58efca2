package io.forewarn.ops.app;

import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import io.forewarn.ops.auth.Role;
import io.forewarn.ops.auth.TokenStore;
import io.forewarn.ops.rulefile.RuleFiles;
import io.forewarn.rules.ruleset.ProductCatalog;
import io.forewarn.rules.ruleset.RuleFileLoader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A real ops service on a free port over a throw-away TimescaleDB database, seeded with two tenants
 * ("acme" and "bolt") whose every kind of row carries a recognisable marker, tokens of every role,
 * and a region disruption that covers both tenants' devices; tokens of every role for the operator
 * tenant ("default", which manages the fleet's rule sets); and the rules jar's rule set stored and
 * activated as the rules service does at its first start.
 */
public final class OpsFixture implements AutoCloseable {
  public final TestDatabase db;
  public final Vertx vertx;
  public final OpsService service;
  public final String base;
  public final Map<String, String> tokens = new HashMap<>();
  public final Map<String, Long> ids = new HashMap<>();
  /** The version of the rules jar's rule file: the active rule set after seeding. */
  public final String rulesVersion = new RuleFileLoader(ProductCatalog.standard()).loadDefault().version();
  private final com.zaxxer.hikari.HikariDataSource pool;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public OpsFixture(String prefix) throws Exception {
    this(prefix, true);
  }

  /** @param ruleSet whether the rules service has stored its rule set yet */
  public OpsFixture(String prefix, boolean ruleSet) throws Exception {
    db = TestDatabase.create(prefix);
    pool = Database.pool(db.jdbcUrl(), 4, "ops-test");
    Database.migrate(pool);
    try (Connection c = db.connect()) {
      seed(c);
      if (ruleSet) {
        seedRuleSet(c);
      }
    }
    vertx = Vertx.vertx();
    OpsConfig config = OpsConfig.fromEnv(Map.of("FOREWARN_DB_URL", db.jdbcUrl(), "FOREWARN_OPS_HTTP_PORT", "0",
        "FOREWARN_OPS_HTTP_HOST", "127.0.0.1", "FOREWARN_OPS_BODY_LIMIT_KB", "64", "FOREWARN_OPS_STREAM_POLL",
        "200ms"));
    service = new OpsService(vertx, config, pool, RuleFiles.load(null), Clock.systemUTC(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    service.start().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + service.http().actualPort();
  }

  public HttpResponse<String> send(String method, String path, String token, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with exactly this Authorization header (e.g. a Basic one). */
  public HttpResponse<String> withAuthorization(String path, String header) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", header).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path, String token) throws Exception {
    return send("GET", path, token, null, null);
  }

  public HttpResponse<String> json(String method, String path, String token, String body) throws Exception {
    return send(method, path, token, "application/json", body);
  }

  public long id(String name) {
    return ids.get(name);
  }

  private void seed(Connection c) throws SQLException {
    int acme = (int) insertId(c, "INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme Heating') RETURNING id");
    int bolt = (int) insertId(c, "INSERT INTO tenants (slug, name) VALUES ('bolt', 'Bolt Networks') RETURNING id");
    ids.put("tenant.acme", (long) acme);
    ids.put("tenant.bolt", (long) bolt);
    for (String t : new String[] {"acme", "bolt"}) {
      int tenant = t.equals("acme") ? acme : bolt;
      String region = t.equals("acme") ? "north" : "south";
      long customer = insertId(c, "INSERT INTO customers (external_id, name, phone, email, language, tenant_id)"
          + " VALUES ('" + t + "-cust-1', '" + t + " customer', '+4470000000" + (tenant % 10) + "', '" + t
          + "@example.test', 'en', " + tenant + ") RETURNING id");
      ids.put(t + ".customer", customer);
      long dev1 = insertId(c, "INSERT INTO devices (external_id, customer_id, model, firmware, region, site, online,"
          + " last_seen_at, tenant_id) VALUES ('" + t + "-dev-1', " + customer + ", 'boiler-gb24', '2.1.0', '" + region
          + "', '" + region + "-1', true, now(), " + tenant + ") RETURNING id");
      long dev2 = insertId(c, "INSERT INTO devices (external_id, customer_id, model, firmware, region, site, online,"
          + " tenant_id) VALUES ('" + t + "-dev-2', " + customer
          + ", 'boiler-gb24', '2.1.0', 'shared', 'shared-1', false, "
          + tenant + ") RETURNING id");
      ids.put(t + ".device", dev1);
      ids.put(t + ".device2", dev2);
      Instant now = Instant.now();
      ids.put(t + ".incident", incident(c, "device:" + dev1 + ":" + t, "device_problem", "device", String.valueOf(dev1),
          dev1, customer, t + " pressure falling", now.plus(Duration.ofHours(t.equals("acme") ? 3 : 2))));
      ids.put(t + ".incident2",
          incident(c, "device:" + dev2 + ":" + t, "device_problem", "device", String.valueOf(dev2),
              dev2, customer, t + " second device", now.plus(Duration.ofHours(1))));
      ids.put(t + ".region", incident(c, "region:" + region, "service_disruption", "region", region, null, null,
          t + " region " + region + " disruption", null));
      long outbox = insertId(c,
          "INSERT INTO outbox (incident_id, transition, payload) VALUES (" + ids.get(t + ".incident")
              + ", 'opened', '{}') RETURNING id");
      long delivery = insertId(c, "INSERT INTO deliveries (incident_id, customer_id, channel, kind, delivery_key,"
          + " outbox_id, template, status, scheduled_for, sent_at) VALUES (" + ids.get(t + ".incident") + ", "
          + customer
          + ", 'sms', 'opened', '" + t + "-key', " + outbox + ", 'opened', 'delivered', now(), now()) RETURNING id");
      ids.put(t + ".delivery", delivery);
      long inbound = insertId(c, "INSERT INTO inbound_messages (provider, provider_id, from_address, body, intent,"
          + " customer_id) VALUES ('test', '" + t + "-in', '+1', '9', 'survey_answer', " + customer + ") RETURNING id");
      c.createStatement()
          .execute("INSERT INTO survey_answers (incident_id, customer_id, inbound_id, survey_kind, score)"
              + " VALUES (" + ids.get(t + ".incident") + ", " + customer + ", " + inbound + ", 'nps', 9)");
      ids.put(t + ".window", insertId(c, "INSERT INTO suppressions (type, scope_type, scope_value, starts_at, ends_at,"
          + " reason, created_by, tenant_id) VALUES ('maintenance', 'region', '" + region
          + "', now(), now() + interval '2 days',"
          + " '" + t + " planned works', 'test', " + tenant + ") RETURNING id"));
      for (Role role : Role.values()) {
        var issued = TokenStore.issue(c, tenant, t + "-" + role.dbName(), role, "test", null);
        tokens.put(t + "." + role.dbName(), issued.token());
        ids.put(t + ".token." + role.dbName(), issued.id());
      }
    }
    ids.put("shared.region", incident(c, "region:shared", "service_disruption", "region", "shared", null, null,
        "shared region disruption", null));
    for (Role role : Role.values()) {
      tokens.put("default." + role.dbName(),
          TokenStore.issue(c, 1, "default-" + role.dbName(), role, "test", null).token());
    }
  }

  /** What the rules service writes at its first start: the jar's rule file, stored, activated and applied. */
  private void seedRuleSet(Connection c) throws SQLException {
    try (
        PreparedStatement ps = c.prepareStatement("INSERT INTO rule_sets (version, content, origin, source, created_by,"
            + " reason) VALUES (?, ?, 'jar', ?, 'rules-service', 'first start: the rules jar''s default')")) {
      ps.setString(1, rulesVersion);
      ps.setString(2, RuleFileLoader.defaultText());
      ps.setString(3, RuleFileLoader.DEFAULT_SOURCE);
      ps.executeUpdate();
    }
    ids.put("activation.first", insertId(c, "INSERT INTO rule_set_activations (rule_set_id, activated_by, reason,"
        + " applied_at) SELECT id, 'rules-service', 'first start', now() FROM rule_sets RETURNING id"));
  }

  private static long incident(Connection c, String fingerprint, String kind, String scopeType, String scopeValue,
      Long device, Long customer, String summary, Instant predicted) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type,"
        + " scope_value, device_id, customer_id, state, severity, summary, summary_key, predicted_failure_at, opened_at,"
        + " firing_at, updated_at) VALUES (?, ?, 'boiler-gb24/pressure_low', ?, ?, ?, ?, 'firing', 'high', ?,"
        + " 'pressure_low', ?, now(), now(), now()) RETURNING id")) {
      ps.setString(1, fingerprint);
      ps.setString(2, kind);
      ps.setString(3, scopeType);
      ps.setString(4, scopeValue);
      ps.setObject(5, device == null ? null : device.intValue());
      ps.setObject(6, customer);
      ps.setString(7, summary);
      ps.setTimestamp(8, predicted == null ? null : java.sql.Timestamp.from(predicted));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long insertId(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    try {
      // Bounded: a close that hangs (a stream's query still running) fails the class, not CI's clock.
      vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Vert.x did not close within 30 s", e);
    } finally {
      pool.close();
      db.close();
    }
  }
}
