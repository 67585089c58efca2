package io.forewarn.notifier.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A throw-away database, WireMock fakes of Twilio and Zendesk, and notifier instances on them. */
final class NotifierHarness implements AutoCloseable {
  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final String AUTH_TOKEN = "twilio-test-token";

  final TestDatabase db = TestDatabase.create("notifier_it");
  final HikariDataSource ds;
  final WireMockServer fake = new WireMockServer(wireMockConfig().dynamicPort().globalTemplating(true));

  NotifierHarness() {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(db.jdbcUrl());
    hc.setMaximumPoolSize(8);
    ds = new HikariDataSource(hc);
    Database.migrate(ds);
    fake.start();
    fake.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")));
    fake.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(okJson("{\"messages\":[]}")));
    fake.stubFor(post(urlPathEqualTo("/api/v2/tickets.json")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"ticket\":{\"id\":4711}}")));
    fake.stubFor(put(urlMatching("/api/v2/tickets/\\d+\\.json")).willReturn(okJson("{\"ticket\":{\"id\":4711}}")));
  }

  Map<String, String> env(String instance) {
    Map<String, String> env = new HashMap<>();
    env.put("FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID", ACCOUNT);
    env.put("FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    env.put("FOREWARN_NOTIFIER_TWILIO_FROM", "+15005550006");
    env.put("FOREWARN_NOTIFIER_TWILIO_BASE_URL", fake.baseUrl());
    env.put("FOREWARN_NOTIFIER_TWILIO_RATE_PER_MINUTE", "6000");
    env.put("FOREWARN_NOTIFIER_TWILIO_BURST", "50");
    env.put("FOREWARN_NOTIFIER_TWILIO_TIMEOUT", "2s");
    // A send cut off by a kill retries after the connector's default wait: keep it short here.
    env.put("FOREWARN_NOTIFIER_TWILIO_RETRY_AFTER", "1s");
    env.put("FOREWARN_NOTIFIER_ZENDESK_RETRY_AFTER", "1s");
    env.put("FOREWARN_NOTIFIER_ZENDESK_URL", fake.baseUrl());
    env.put("FOREWARN_NOTIFIER_ZENDESK_EMAIL", "agent@acme.example");
    env.put("FOREWARN_NOTIFIER_ZENDESK_API_TOKEN", "zendesk-token");
    env.put("FOREWARN_NOTIFIER_ZENDESK_REQUESTER_EMAIL", "forewarn@ops.acme.example");
    env.put("FOREWARN_NOTIFIER_INSTANCE_ID", instance);
    env.put("FOREWARN_NOTIFIER_POLL_INTERVAL", "50ms");
    env.put("FOREWARN_NOTIFIER_SENDING_LEASE", "3s");
    env.put("FOREWARN_NOTIFIER_RETRY_BASE", "100ms");
    env.put("FOREWARN_NOTIFIER_HTTP_PORT", "0");
    return env;
  }

  /** Starts one notifier instance on its own Vert.x; returns it with the HTTP port. */
  Running start(String instance) throws Exception {
    return start(instance, Map.of());
  }

  /** The same with extra settings (e.g. SMTP, a webhook secret). */
  Running start(String instance, Map<String, String> extra) throws Exception {
    Vertx vertx = Vertx.vertx();
    Map<String, String> env = env(instance);
    env.putAll(extra);
    int port = new NotifierService(vertx, NotifierConfig.fromEnv(env), ds, Clock.systemUTC(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true).start().await();
    return new Running(vertx, port);
  }

  record Running(Vertx vertx, int port) {
    void kill() {
      vertx.close().await();
    }
  }

  /** A customer with a phone, no quiet hours; returns its id. */
  long customer(String phone, String email) {
    return customer(phone, email, "Ann Smith", "en");
  }

  /** The same, with the name and language the customer is written to in. */
  long customer(String phone, String email, String name, String language) {
    long id = queryLong("INSERT INTO customers (external_id, name, phone, email, language, time_zone) VALUES ('"
        + phone + "', '" + name + "', '" + phone + "', " + (email == null ? "NULL" : "'" + email + "'")
        + ", '" + language + "', 'Europe/London') RETURNING id");
    db.exec("INSERT INTO customer_contact_preferences (customer_id, quiet_start, quiet_end) VALUES (" + id
        + ", NULL, NULL)");
    return id;
  }

  /**
   * Quiet hours over the whole day but one minute, twelve hours from now in the customer's zone. A
   * fixed '00:00'-'23:59' left its gap at 23:59, and a test running then saw its SMS go out at once.
   */
  void quietAllDay(long customer) {
    db.exec("UPDATE customer_contact_preferences p SET"
        + " quiet_end = (now() AT TIME ZONE c.time_zone)::time + interval '12 hours',"
        + " quiet_start = (now() AT TIME ZONE c.time_zone)::time + interval '12 hours 1 minute'"
        + " FROM customers c WHERE c.id = p.customer_id AND p.customer_id = " + customer);
  }

  /** A device problem for the customer's (new) device, with its 'opened' outbox row; returns the incident id. */
  long openDeviceProblem(long customer) {
    long device = queryLong("INSERT INTO devices (external_id, customer_id, model) VALUES ('hub-" + customer + "-"
        + System.nanoTime() + "', " + customer + ", 'SafeHome Hub 2') RETURNING id");
    long incident = queryLong("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, device_id,"
        + " customer_id, state, severity, summary, summary_key, details, fix_eta, opened_at, updated_at) VALUES ('device:"
        + device + "/battery', 'device_problem', 'battery', 'device', '" + device + "', " + device + ", " + customer
        + ", 'firing', 'high', 'battery wearing out', 'battery_wearing_out',"
        + " '{\"capacity_percent\": 38, \"action_key\": \"keep_plugged_in\"}', now() + interval '1 day', now(), now())"
        + " RETURNING id");
    outbox(incident, "opened");
    return incident;
  }

  void outbox(long incident, String transition) {
    db.exec("INSERT INTO outbox (incident_id, transition, payload) SELECT id, '" + transition + "',"
        + " jsonb_build_object('transition', '" + transition
        + "', 'incident', to_jsonb(i)) FROM incidents i WHERE id = "
        + incident);
  }

  long queryLong(String sql) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void eventually(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    fake.stop();
    ds.close();
    db.close();
  }
}
