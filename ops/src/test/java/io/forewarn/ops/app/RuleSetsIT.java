package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.rules.ruleset.RuleFileLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The fleet's rule sets through the API, against the schema the rules service reads: submit, list,
 * read, roll back, and the conflicts that keep two admins from overwriting each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleSetsIT {
  private static OpsFixture f;
  private static String admin;
  private static String shipped;
  private static String first;
  private static double trigger;
  private static double lower;

  @BeforeAll
  static void start() throws Exception {
    f = new OpsFixture("ops_rulesets");
    admin = f.tokens.get("default.admin");
    shipped = RuleFileLoader.defaultText();
    first = f.rulesVersion;
    trigger = pressureLow(new JsonObject(shipped)).getDouble("trigger");
    lower = Math.round((trigger - 0.05) * 1000) / 1000.0;
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** The shipped rule file as {@code version}, the boiler's low-pressure trigger at {@code trigger} bar. */
  private static String ruleFile(String version, double trigger) {
    JsonObject file = new JsonObject(shipped).put("version", version);
    pressureLow(file).put("trigger", trigger);
    return file.encode();
  }

  private static JsonObject pressureLow(JsonObject file) {
    return file.getJsonObject("models").getJsonObject("boiler-gb24").getJsonArray("rules").stream()
        .map(JsonObject.class::cast).filter(r -> r.getString("id").equals("pressure_low")).findFirst().orElseThrow();
  }

  private static HttpResponse<String> submit(String version, double trigger, String expected) throws Exception {
    return f.json("POST", "/api/rules/versions", admin, "{\"rule_file\":" + ruleFile(version, trigger)
        + ",\"reason\":\"lower the pressure limit\",\"expected_active\":\"" + expected + "\"}");
  }

  private static HttpResponse<String> activate(String version, String expected) throws Exception {
    return f.json("POST", "/api/rules/versions/" + version + "/activate", admin,
        "{\"reason\":\"roll back\",\"expected_active\":\"" + expected + "\"}");
  }

  private static JsonObject body(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  private static String active() throws Exception {
    return body(f.get("/api/rules", f.tokens.get("bolt.viewer")), 200).getString("version");
  }

  @Test
  @Order(1)
  void anAdminSubmitsAVersionListsThemAndRollsBackAndTheRulesServiceIsWoken() throws Exception {
    // GIVEN the rule set the rules service stored at its first start, and a listener like the rules service's
    JsonObject seeded = body(f.get("/api/rules", f.tokens.get("acme.viewer")), 200);
    assertThat(seeded.getString("version")).isEqualTo(first);
    assertThat(seeded.getBoolean("applied")).isTrue();
    assertThat(seeded.getString("origin")).isEqualTo("jar");
    try (Connection listener = f.db.connect()) {
      try (Statement s = listener.createStatement()) {
        s.execute("LISTEN forewarn_rules");
      }
      // WHEN the operator tenant's admin submits a new version based on it
      JsonObject done = body(submit("ops-1", lower, first), 201);
      // THEN it is stored with who and why, active for every tenant, waiting for the rules service
      assertThat(done.getString("version")).isEqualTo("ops-1");
      assertThat(done.getString("previous_version")).isEqualTo(first);
      assertThat(done.getString("activated_by")).isEqualTo("api:default/default-admin");
      JsonObject now = body(f.get("/api/rules", f.tokens.get("bolt.viewer")), 200);
      assertThat(now.getString("version")).isEqualTo("ops-1");
      assertThat(now.getBoolean("applied")).isFalse();
      assertThat(now.encode()).doesNotContain("default-admin");
      // AND the rules service is woken at once
      PGNotification[] woken = listener.unwrap(PGConnection.class).getNotifications(5000);
      assertThat(woken).isNotNull().extracting(PGNotification::getName).contains("forewarn_rules");
    }
    // AND the chart levels come from it
    assertThat(levels()).contains(lower).doesNotContain(trigger);

    // WHEN the versions are listed THEN both are there, newest first, with the activation log
    JsonObject list = body(f.get("/api/rules/versions", admin), 200);
    assertThat(list.getString("active")).isEqualTo("ops-1");
    assertThat(list.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("version")).toList())
        .containsExactly("ops-1", first);
    assertThat(list.getJsonArray("activations").getJsonObject(0).getString("reason"))
        .isEqualTo("lower the pressure limit");
    // AND one version reads back with its file
    JsonObject one = body(f.get("/api/rules/versions/ops-1", admin), 200);
    assertThat(one.getJsonObject("file").getString("version")).isEqualTo("ops-1");
    assertThat(one.getString("created_by")).isEqualTo("api:default/default-admin");

    // WHEN it is rolled back to the first version
    assertThat(body(activate(first, "ops-1"), 200).getString("version")).isEqualTo(first);
    // THEN the first is active again, and the log keeps all three activations
    assertThat(active()).isEqualTo(first);
    assertThat(levels()).contains(trigger).doesNotContain(lower);
    assertThat(f.db.queryLong("SELECT count(*) FROM rule_set_activations")).isEqualTo(3);

    // WHEN someone submits based on what is no longer active THEN 409, and nothing is stored
    assertThat(body(submit("ops-2", lower, "ops-1"), 409).getJsonObject("error").getString("code"))
        .isEqualTo("active_changed");
    assertThat(f.db.queryLong("SELECT count(*) FROM rule_sets WHERE version = 'ops-2'")).isZero();
  }

  @Test
  @Order(2)
  void aChangeThatLosesARaceToAnotherIsAConflictNotALostUpdate() throws Exception {
    String before = active();
    try (Connection other = f.db.connect()) {
      // GIVEN another writer appending an activation after the current one, not yet committed
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("INSERT INTO rule_set_activations (rule_set_id, previous_id, activated_by, reason) SELECT"
            + " (SELECT id FROM rule_sets WHERE version = '" + before
            + "'), max(id), 'psql', 'race' FROM rule_set_activations");
      }
      // WHEN an admin submits a version based on the same current one, and the other writer commits first
      CompletableFuture<HttpResponse<String>> mine = CompletableFuture.supplyAsync(() -> {
        try {
          return submit("race-1", lower, before);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (f.db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND wait_event_type = 'Lock'") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // until the API's insert waits on the other writer's uncommitted activation
      }
      other.commit();
      // THEN the admin's change is refused as a conflict, and only the other one is in the log
      assertThat(body(mine.get(10, TimeUnit.SECONDS), 409).getJsonObject("error").getString("code"))
          .isEqualTo("active_changed");
    }
    assertThat(f.db.queryLong("SELECT count(*) FROM rule_sets WHERE version = 'race-1'")).isZero();
    assertThat(f.db.queryLong("SELECT count(*) FROM rule_set_activations WHERE previous_id IS NOT NULL"
        + " GROUP BY previous_id ORDER BY count(*) DESC LIMIT 1")).isOne();
  }

  @Test
  @Order(3)
  void aHandWrittenInvalidActivationIsShownRefusedAndTheRulesBeforeItStayActive() throws Exception {
    String before = active();
    // GIVEN someone stored and activated by hand a rule file with an unknown metric
    String bad = ruleFile("hand-1", lower).replace("\"pressure_bar\"", "\"pressure_psi\"");
    f.db.exec("INSERT INTO rule_sets (version, content, created_by, reason) VALUES ('hand-1', $r$" + bad
        + "$r$, 'psql', 'quick fix')");
    f.db.exec("INSERT INTO rule_set_activations (rule_set_id, previous_id, activated_by, reason) SELECT"
        + " (SELECT id FROM rule_sets WHERE version = 'hand-1'), max(id), 'psql', 'quick fix' FROM rule_set_activations");
    // WHEN the active rule set is read THEN it is still the one before, and the refused one says why
    JsonObject now = body(f.get("/api/rules", f.tokens.get("acme.viewer")), 200);
    assertThat(now.getString("version")).isEqualTo(before);
    assertThat(now.getJsonObject("refused").getString("version")).isEqualTo("hand-1");
    assertThat(now.getJsonObject("refused").getJsonArray("problems").encode())
        .contains("unknown metric 'pressure_psi'");
    // AND its version reads back as text with its problems
    JsonObject one = body(f.get("/api/rules/versions/hand-1", admin), 200);
    assertThat(one.getString("content")).contains("pressure_psi");
    assertThat(one.getJsonArray("problems")).isNotEmpty();
    // AND activating it through the API is refused with every problem
    JsonObject error = body(activate("hand-1", before), 422).getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("invalid_rules");
    assertThat(error.getJsonArray("details")).isNotEmpty();
  }

  @Test
  @Order(4)
  void beforeTheRulesServiceStoredARuleSetTheFileIsShownAndChangesWait() throws Exception {
    try (OpsFixture empty = new OpsFixture("ops_rulesets_empty", false)) {
      // WHEN the active rule set is read THEN it is the file, saying it is not in the database yet
      JsonObject now = body(empty.get("/api/rules", empty.tokens.get("acme.viewer")), 200);
      assertThat(now.getString("version")).isEqualTo(first);
      assertThat(now.getValue("activation")).isNull();
      assertThat(now.getString("note")).contains("not in the database yet");
      // AND a submission waits for the rules service's first start
      HttpResponse<String> r = empty.json("POST", "/api/rules/versions", empty.tokens.get("default.admin"),
          "{\"rule_file\":" + ruleFile("early-1", lower) + ",\"reason\":\"r\",\"expected_active\":\"" + first + "\"}");
      assertThat(body(r, 409).getJsonObject("error").getString("code")).isEqualTo("not_seeded");
    }
  }

  /** The levels the telemetry chart of an acme boiler's pressure shows. */
  private static java.util.List<Object> levels() throws Exception {
    f.db.exec("INSERT INTO metrics (name, unit) VALUES ('pressure_bar', 'bar') ON CONFLICT DO NOTHING");
    f.db.exec("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) SELECT now() - interval '1 hour', "
        + f.id("acme.device") + ", ARRAY[id]::smallint[], ARRAY[1.2], 1 FROM metrics WHERE name = 'pressure_bar'"
        + " ON CONFLICT DO NOTHING");
    JsonArray thresholds = body(f.get("/api/devices/acme-dev-1/telemetry?metric=pressure_bar",
        f.tokens.get("acme.viewer")), 200).getJsonArray("thresholds");
    return thresholds.stream().map(o -> ((JsonObject) o).getValue("level")).toList();
  }
}
