package io.forewarn.rules.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.common.db.Database;
import io.forewarn.common.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules service running against a real database picks up rule set activations (as the ops API or a
 * person writes them) between cycles, without a restart.
 */
@Timeout(120)
class RulesReloadIT {
  private static final String RULE = """
      {"id": "%s", "kind": "%s", "metric": "%s", %s, "summary": "Boiler {device}: {value}",
       "summary_key": "pressure_dropping", "action": "call"}""";
  private static final String PRESSURE_LOW = RULE.formatted("pressure_low", "threshold", "pressure_bar",
      "\"direction\": \"below\", \"trigger\": 0.8, \"clear\": 0.95, \"for\": \"PT30M\"");
  private static final String FLAME = RULE.formatted("flame", "increase", "flame_failures",
      "\"trigger\": 3, \"clear\": 0, \"window\": \"PT1H\"");
  private static final String PRESSURE_HIGH = RULE.formatted("pressure_high", "threshold", "pressure_bar",
      "\"direction\": \"above\", \"trigger\": 2.5, \"clear\": 2.2");

  @TempDir
  Path dir;
  private final TestDatabase db = TestDatabase.create("rules_reload");
  private RulesService service;

  private static String ruleFile(String version, String... rules) {
    return "{\"version\": \"" + version + "\", \"models\": {\"boiler-gb24\": {\"rules\": [" + String.join(",", rules)
        + "]}}}";
  }

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
    db.close();
  }

  @Test
  void a_new_activation_is_swapped_in_while_running_and_a_bad_one_is_refused() throws Exception {
    // GIVEN the service started with a rule file v1 (low pressure, flame failures) on an empty rule_sets
    start(ruleFile("v1", PRESSURE_LOW, FLAME));
    waitFor("v1 seeded and applied", () -> db.queryLong("SELECT count(*) FROM rule_set_activations a JOIN rule_sets s"
        + " ON s.id = a.rule_set_id WHERE s.version = 'v1' AND s.origin = 'file' AND a.applied_at IS NOT NULL") == 1);
    // AND 40 minutes of low pressure while the flame counter climbs by 2 (10 -> 12)
    Instant t0 = Instant.now().minus(Duration.ofMinutes(70));
    batch(1, t0, new double[] {0.7, 0.7, 0.7, 0.7, 0.7}, new double[] {10, 10, 10, 10, 12});
    waitFor("low pressure fired under v1", () -> count("rule_id = 'boiler-gb24/pressure_low' AND state = 'firing'"
        + " AND details->>'rules_version' = 'v1'") == 1);

    // WHEN v2 is activated: the pressure rule removed, the flame rule unchanged, a high-pressure rule added
    activate("v2", ruleFile("v2", FLAME, PRESSURE_HIGH));
    // THEN it is applied without a restart, within a few seconds
    waitFor("v2 applied", () -> db.queryLong("SELECT count(*) FROM rule_set_activations a JOIN rule_sets s"
        + " ON s.id = a.rule_set_id WHERE s.version = 'v2' AND a.applied_at IS NOT NULL") == 1);
    // AND the removed rule's incident is resolved, saying why, and the notifier is told
    assertThat(count("rule_id = 'boiler-gb24/pressure_low' AND state = 'resolved'")).isOne();
    assertThat(db.queryLong("SELECT count(*) FROM incident_events e JOIN incidents i ON i.id = e.incident_id WHERE"
        + " i.rule_id = 'boiler-gb24/pressure_low' AND e.type = 'resolved' AND e.details->>'reason' = 'rule_removed'"
        + " AND e.details->>'rules_version' = 'v2'")).isOne();
    assertThat(db.queryLong("SELECT count(*) FROM outbox WHERE transition = 'resolved' AND payload->>'reason' ="
        + " 'rule_removed'")).isOne();
    // AND its stored detector state is gone
    assertThat(db.queryLong("SELECT count(*) FROM detector_state WHERE rule_id = 'boiler-gb24/pressure_low'")).isZero();

    // WHEN the flame counter reaches 13 (+3 within the hour only counting what v1 saw)
    batch(2, t0.plus(Duration.ofMinutes(50)), new double[] {1.4}, new double[] {13});
    // THEN the unchanged rule kept its window across the swap and fires, carrying the new version
    waitFor("flame fired under v2",
        () -> count("rule_id = 'boiler-gb24/flame' AND details->>'rules_version' = 'v2'") == 1);

    // WHEN someone activates by hand a rule set that is not valid
    activate("v3", ruleFile("v3", FLAME, RULE.formatted("bad", "threshold", "pressure_psi", "\"direction\": \"up\"")));
    // THEN it is refused with its problems recorded, and v2 stays active
    waitFor("v3 refused", () -> db.queryLong("SELECT count(*) FROM rule_set_activations a JOIN rule_sets s"
        + " ON s.id = a.rule_set_id WHERE s.version = 'v3' AND a.refused_at IS NOT NULL AND a.applied_at IS NULL"
        + " AND a.problems::text LIKE '%unknown metric%' AND a.problems::text LIKE '%direction%'") == 1);
    batch(3, t0.plus(Duration.ofMinutes(60)), new double[] {2.8}, new double[] {13});
    waitFor("high pressure judged under v2", () -> count("rule_id = 'boiler-gb24/pressure_high'"
        + " AND details->>'rules_version' = 'v2'") == 1);
    String health = http("/health");
    assertThat(health).contains("\"rules_version\":\"v2\"");
    // AND the metrics count one swap and one refusal, and show the activation running
    long v2 = db.queryLong("SELECT a.id FROM rule_set_activations a JOIN rule_sets s ON s.id = a.rule_set_id"
        + " WHERE s.version = 'v2'");
    assertThat(http("/metrics")).contains("forewarn_rules_ruleset_reloads_total{outcome=\"applied\"} 1.0")
        .contains("forewarn_rules_ruleset_reloads_total{outcome=\"refused\"} 1.0")
        .contains("forewarn_rules_ruleset_activation " + v2 + ".0");
  }

  @Test
  void a_restart_keeps_what_was_activated_and_a_new_file_version_is_deployed_resolving_what_it_drops()
      throws Exception {
    // GIVEN v1 from the file, then v2 activated through the database
    start(ruleFile("v1", PRESSURE_LOW));
    waitFor("v1 applied",
        () -> db.queryLong("SELECT count(*) FROM rule_set_activations WHERE applied_at IS NOT NULL") == 1);
    activate("v2", ruleFile("v2", PRESSURE_LOW, FLAME));
    waitFor("v2 applied", () -> http("/health").contains("\"rules_version\":\"v2\""));
    batch(1, Instant.now().minus(Duration.ofMinutes(60)), new double[] {0.7, 0.7, 0.7, 0.7}, new double[] {0, 0, 0, 0});
    waitFor("low pressure fired", () -> count("rule_id = 'boiler-gb24/pressure_low' AND state = 'firing'") == 1);
    // WHEN the service restarts with the same file
    service.close();
    start(ruleFile("v1", PRESSURE_LOW));
    // THEN v2 stays active: a restart does not undo an activation
    waitFor("loaded", () -> http("/health").contains("\"status\":\"UP\""));
    assertThat(http("/health")).contains("\"rules_version\":\"v2\"");
    assertThat(db.queryLong("SELECT count(*) FROM rule_set_activations")).isEqualTo(2);
    // WHEN it restarts with a file of a new version
    service.close();
    start(ruleFile("v4", FLAME));
    // THEN that version is stored and activated, as deploying a file always did
    waitFor("v4 deployed", () -> http("/health").contains("\"rules_version\":\"v4\""));
    assertThat(db.queryLong("SELECT count(*) FROM rule_sets s JOIN rule_set_activations a ON a.rule_set_id = s.id"
        + " WHERE s.version = 'v4' AND s.origin = 'file' AND a.activated_by = 'rules-service'")).isOne();
    // AND the incident of the rule it dropped is resolved at load, saying why
    waitFor("low pressure resolved", () -> count("rule_id = 'boiler-gb24/pressure_low' AND state = 'resolved'") == 1);
    assertThat(db.queryLong("SELECT count(*) FROM incident_events WHERE type = 'resolved' AND details->>'reason' ="
        + " 'rule_removed' AND details->>'rules_version' = 'v4'")).isOne();
  }

  private void start(String rules) throws Exception {
    if (service == null) {
      try (var pool = Database.pool(db.jdbcUrl(), 2, "setup")) {
        Database.migrate(pool);
      }
      db.exec("INSERT INTO customers (id, external_id) VALUES (1, 'c1')");
      db.exec("INSERT INTO devices (id, external_id, customer_id, model, firmware, region, site)"
          + " VALUES (1, 'gb-1', 1, 'boiler-gb24', '1.0', 'north', 'n1')");
      db.exec("INSERT INTO metrics (id, name) VALUES (1, 'pressure_bar'), (2, 'flame_failures')");
    }
    Path file = Files.writeString(dir.resolve("rules-" + System.nanoTime() + ".json"), rules);
    service = RulesService.start(RulesConfig.fromEnv(Map.of("FOREWARN_DB_URL", db.jdbcUrl(),
        "FOREWARN_RULES_HTTP_PORT", "0", "FOREWARN_RULES_FILE", file.toString(), "FOREWARN_RULES_POLL", "200ms")),
        Clock.systemUTC());
  }

  /** Stores a rule set and activates it after the newest activation, as the ops API does. */
  private void activate(String version, String content) {
    db.exec("INSERT INTO rule_sets (version, content, origin, created_by, reason) VALUES ('" + version + "', $r$"
        + content + "$r$, 'api', 'api:default/alice', 'test')");
    db.exec("INSERT INTO rule_set_activations (rule_set_id, previous_id, activated_by, reason) SELECT s.id,"
        + " (SELECT max(id) FROM rule_set_activations), 'api:default/alice', 'test' FROM rule_sets s WHERE s.version = '"
        + version + "'");
  }

  /** One committed ingest batch of 10-minute samples, with NOTIFY, like the gateway writes. */
  private void batch(long id, Instant from, double[] pressure, double[] flames) {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < pressure.length; i++) {
      rows.append(i > 0 ? "," : "").append("('").append(from.plus(Duration.ofMinutes(10L * i)))
          .append("', 1, '{1,2}', '{")
          .append(pressure[i]).append(',').append(flames[i]).append("}', ").append(id).append(')');
    }
    db.exec("BEGIN; INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) VALUES " + rows
        + "; INSERT INTO ingest_batches (id, gateway, messages, rows_stored, rows_duplicate, rejected) VALUES (" + id
        + ", 'gw', 1, 1, 0, 0); NOTIFY forewarn_ingest; COMMIT;");
  }

  private long count(String where) {
    return db.queryLong("SELECT count(*) FROM incidents WHERE " + where);
  }

  private String http(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort()
          + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(100);
    }
  }
}
