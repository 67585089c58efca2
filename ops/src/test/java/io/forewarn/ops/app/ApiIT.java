package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the API answers, against real data in TimescaleDB. */
class ApiIT {
  private static OpsFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new OpsFixture("ops_api");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static JsonObject ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isBetween(200, 201);
    return new JsonObject(r.body());
  }

  @Test
  void atRiskListIsOrderedBySoonestPredictedFailure() throws Exception {
    // GIVEN acme's incidents predict failures in 1 h (dev-2) and 3 h (dev-1)
    // WHEN the at-risk list is read
    JsonArray items = ok(f.get("/api/devices/at-risk", f.tokens.get("acme.viewer"))).getJsonArray("items");
    // THEN the soonest failure comes first
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id")).toList()).containsExactly("acme-dev-2",
        "acme-dev-1");
  }

  @Test
  void devicesFilterByRegionAndStatus() throws Exception {
    String t = f.tokens.get("acme.viewer");
    assertThat(ok(f.get("/api/devices?region=north", t)).getJsonArray("items")).hasSize(1);
    assertThat(ok(f.get("/api/devices?status=offline", t)).getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo("acme-dev-2");
    assertThat(ok(f.get("/api/devices?model=boiler-gb24&firmware=2.1.0", t)).getJsonArray("items")).hasSize(2);
    assertThat(ok(f.get("/api/devices?firmware=9.9", t)).getJsonArray("items")).isEmpty();
  }

  @Test
  void telemetryIsBucketedFromRawRowsForShortRangesAndFromRollUpsForLongOnes() throws Exception {
    // GIVEN an hour of pressure samples every 10 s (1.0 … 1.359 bar) and a day of 1-hour roll-ups
    long dev = f.id("acme.device");
    f.db.exec("INSERT INTO metrics (name, unit) VALUES ('pressure_bar', 'bar') ON CONFLICT DO NOTHING");
    long metric = f.db.queryLong("SELECT id FROM metrics WHERE name = 'pressure_bar'");
    f.db.exec("INSERT INTO telemetry (ts, device_id, metric_ids, vals, batch_id) SELECT"
        + " '2026-11-30T10:00:00Z'::timestamptz + g * interval '10 seconds', " + dev + ", ARRAY[" + metric
        + "]::smallint[],"
        + " ARRAY[1.0 + g / 1000.0], 1 FROM generate_series(0, 359) g");
    f.db.exec("INSERT INTO telemetry_1h (bucket, device_id, metric_id, min, max, sum, count) SELECT"
        + " '2026-10-01T00:00:00Z'::timestamptz + g * interval '1 hour', " + dev + ", " + metric
        + ", 1, 3, 2 * 360, 360"
        + " FROM generate_series(0, 24 * 30 - 1) g");
    String t = f.tokens.get("acme.viewer");
    // WHEN one hour is asked for
    JsonObject raw = ok(f.get("/api/devices/acme-dev-1/telemetry?metric=pressure_bar&from=2026-11-30T10:00:00Z"
        + "&to=2026-11-30T11:00:00Z", t));
    // THEN it comes from the raw table in 10 s buckets with the true values
    assertThat(raw.getString("source")).isEqualTo("telemetry");
    assertThat(raw.getLong("step_seconds")).isEqualTo(10);
    JsonArray points = raw.getJsonArray("points");
    assertThat(points).hasSize(360);
    assertThat(points.getJsonObject(359).getDouble("avg")).isCloseTo(1.359, org.assertj.core.data.Offset.offset(1e-9));
    // WHEN a 5-minute step is asked for THEN buckets hold 30 samples each
    JsonObject coarse = ok(f.get("/api/devices/acme-dev-1/telemetry?metric=pressure_bar&from=2026-11-30T10:00:00Z"
        + "&to=2026-11-30T11:00:00Z&step=300", t));
    assertThat(coarse.getJsonArray("points")).hasSize(12);
    assertThat(coarse.getJsonArray("points").getJsonObject(0).getLong("count")).isEqualTo(30);
    // WHEN a month is asked for THEN the hourly roll-up answers in buckets of at least 1 h, under the point cap
    JsonObject month = ok(f.get("/api/devices/acme-dev-1/telemetry?metric=pressure_bar&from=2026-10-01T00:00:00Z"
        + "&to=2026-10-31T00:00:00Z", t));
    assertThat(month.getString("source")).isEqualTo("telemetry_1h");
    assertThat(month.getJsonArray("points").size()).isBetween(100, 600);
    assertThat(month.getJsonArray("points").getJsonObject(0).getDouble("avg")).isEqualTo(2.0);
    assertThat(month.getJsonArray("points").getJsonObject(0).getDouble("max")).isEqualTo(3.0);
    // AND the chart gets the rule file's levels for this metric
    assertThat(month.getJsonArray("thresholds")).isNotEmpty();
  }

  @Test
  void resolvingRecordsTheEventAndQueuesTheCustomerMessage() throws Exception {
    // GIVEN a firing incident of acme
    long id = f.db.queryLong("INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, device_id,"
        + " state, severity, summary, summary_key, opened_at, firing_at, updated_at) VALUES ('to-resolve',"
        + " 'device_problem', 'r', 'device', '" + f.id("acme.device") + "', " + f.id("acme.device")
        + ", 'firing', 'high', 'to resolve', 'k', now(), now(), now()) RETURNING id");
    // WHEN an operator resolves it
    JsonObject resolved = ok(f.json("POST", "/api/incidents/" + id + "/resolve", f.tokens.get("acme.operator"),
        "{\"reason\":\"engineer replaced the valve\"}"));
    // THEN it is resolved, audited with who did it, and the notifier has an outbox row to act on
    assertThat(resolved.getString("state")).isEqualTo("resolved");
    assertThat(f.db.queryLong("SELECT count(*) FROM incident_events WHERE incident_id = " + id
        + " AND type = 'resolved' AND actor = 'api:acme/acme-operator'")).isOne();
    assertThat(f.db.queryLong("SELECT count(*) FROM outbox WHERE incident_id = " + id + " AND transition = 'resolved'"
        + " AND payload->'incident'->>'state' = 'resolved' AND payload->>'transition' = 'resolved'")).isOne();
    // AND resolving again is a conflict, not a second message
    var again = f.json("POST", "/api/incidents/" + id + "/resolve", f.tokens.get("acme.operator"), "{}");
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void acknowledgeAndSilenceAreRecorded() throws Exception {
    long id = f.id("acme.incident2");
    String op = f.tokens.get("acme.operator");
    assertThat(ok(f.json("POST", "/api/incidents/" + id + "/acknowledge", op, "{}")).getString("acknowledged_by"))
        .isEqualTo("api:acme/acme-operator");
    String until = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    JsonObject silenced = ok(f.json("POST", "/api/incidents/" + id + "/silence", op, "{\"until\":\"" + until
        + "\",\"reason\":\"customer on holiday\"}"));
    assertThat(silenced.getString("silenced_until")).isEqualTo(until);
    JsonObject detail = ok(f.get("/api/incidents/" + id, op));
    assertThat(detail.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList())
        .contains("acknowledged", "silenced");
  }

  @Test
  void maintenanceWindowsAreCreatedListedAndDeleted() throws Exception {
    String op = f.tokens.get("acme.operator");
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
    JsonObject w = ok(f.json("POST", "/api/maintenance-windows", op, "{\"scope_type\":\"device\",\"scope_value\":"
        + "\"acme-dev-1\",\"starts_at\":\"" + start + "\",\"ends_at\":\"" + start.plus(Duration.ofHours(2))
        + "\",\"reason\":\"boiler service\",\"announce\":true}"));
    // The device window is stored as the rules stage matches it: by internal id.
    assertThat(w.getString("scope_value")).isEqualTo(String.valueOf(f.id("acme.device")));
    assertThat(w.getBoolean("announce")).isTrue();
    assertThat(ok(f.get("/api/maintenance-windows", op)).getJsonArray("items")).hasSize(2);
    assertThat(f.send("DELETE", "/api/maintenance-windows/" + w.getLong("id"), op, null, null).statusCode())
        .isEqualTo(204);
    assertThat(ok(f.get("/api/maintenance-windows", op)).getJsonArray("items")).hasSize(1);
  }

  @Test
  void preferencesAreReplacedAndReadBack() throws Exception {
    String op = f.tokens.get("acme.operator");
    JsonObject p = ok(
        f.json("PUT", "/api/customers/acme-cust-1/preferences", op, "{\"channel_order\":[\"email\",\"sms\"],"
            + "\"opted_out\":[\"sms\"],\"daily_cap\":2,\"quiet_start\":\"21:30\",\"quiet_end\":\"07:00\"}"));
    assertThat(p.getJsonArray("channel_order").getList()).containsExactly("email", "sms");
    JsonObject c = ok(f.get("/api/customers/acme-cust-1", op));
    assertThat(c.getJsonObject("preferences").getString("quiet_start")).isEqualTo("21:30");
    assertThat(c.getJsonObject("preferences").getBoolean("defaults")).isFalse();
    assertThat(c.getJsonArray("devices")).hasSize(2);
  }

  @Test
  void kpisCountReachedFirstAndNps() throws Exception {
    JsonObject k = ok(f.get("/api/kpis", f.tokens.get("acme.viewer")));
    // GIVEN one of acme's two customer incidents had a delivered SMS before its predicted failure and no
    // message from the customer; one NPS answer of 9 (a promoter)
    assertThat(k.getDouble("reached_first_share")).isEqualTo(0.5);
    assertThat(k.getJsonObject("nps").getDouble("score")).isEqualTo(100.0);
    assertThat(k.getJsonObject("notifications_by_outcome").getLong("delivered")).isEqualTo(1);
    assertThat(k.getLong("median_lead_time_seconds")).isBetween(3 * 3600L - 120, 3 * 3600L);
  }

  @Test
  void liveStreamPushesAnIncidentInsertedInTheDatabase() throws Exception {
    try (SseClient sse = SseClient.open(f.base + "/api/incidents/stream", f.tokens.get("acme.viewer"))) {
      // WHEN the rules stage (here: SQL) opens an incident on an acme device
      f.db.exec(
          "INSERT INTO incidents (fingerprint, kind, rule_id, scope_type, scope_value, device_id, state, severity,"
              + " summary, summary_key, opened_at, updated_at) VALUES ('live-1', 'device_problem', 'r', 'device', '"
              + f.id("acme.device") + "', " + f.id("acme.device")
              + ", 'pending', 'critical', 'live one', 'k', now(), now())");
      // THEN it arrives on the stream
      assertThat(sse.next(Duration.ofSeconds(10)).getString("summary")).isEqualTo("live one");
    }
  }

  @Test
  void openApiFileDocumentsEveryRoute() throws Exception {
    HttpResponse<String> r = f.get("/openapi.yaml", null);
    assertThat(r.statusCode()).isEqualTo(200);
    for (var route : f.service.http().routes()) {
      String path = route.path().replaceAll(":([A-Za-z]+)", "{$1}");
      assertThat(r.body()).as(route.toString()).contains("  " + path + ":");
      int at = r.body().indexOf("  " + path + ":\n");
      int next = r.body().indexOf("\n  /", at + 1);
      String block = r.body().substring(at, next < 0 ? r.body().length() : next);
      assertThat(block).as(route.toString()).contains(route.method().name().toLowerCase(java.util.Locale.ROOT) + ":");
    }
  }

  @Test
  void answersAnH2cUpgradeOfferInHttp11() throws Exception {
    // GIVEN a JDK client that offers the h2c upgrade (its default); such upgraded connections once hung
    // a request past its own timeout. WHEN it asks for the health page
    var client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.base + "/health"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    // THEN the server declines the upgrade and answers in HTTP/1.1
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
  }

  @Test
  void healthMetricsAndDashboardNeedNoToken() throws Exception {
    assertThat(f.get("/health", null).statusCode()).isEqualTo(200);
    assertThat(f.get("/metrics", null).body()).contains("forewarn_ops_streams_open");
    assertThat(f.get("/", null).statusCode()).isEqualTo(200);
  }
}
