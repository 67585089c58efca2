package io.forewarn.ops.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.ops.auth.ApiTokens;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input of every kind gets a specific 4xx with a JSON error, never a 5xx. */
class BadInputIT {
  private static OpsFixture f;

  /** One bad request and the reply it must get. */
  record Case(String name, String method, String path, String token, String contentType, String body, int status,
      String code) {}

  @BeforeAll
  static void start() throws Exception {
    f = new OpsFixture("ops_badinput");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void everyKindOfBadInputGetsAClearJsonClientError() throws Exception {
    String op = f.tokens.get("acme.operator");
    String admin = f.tokens.get("acme.admin");
    String fleetAdmin = f.tokens.get("default.admin");
    long incident = f.id("acme.incident");
    String json = "application/json";
    String active = f.rulesVersion;
    String shipped = io.forewarn.rules.ruleset.RuleFileLoader.defaultText();
    String submit = "{\"rule_file\":%s,\"reason\":\"test\",\"expected_active\":\"%s\"}";
    String huge = "{\"reason\":\"" + "x".repeat(70 * 1024) + "\"}";
    List<Case> cases = List.of(
        new Case("no token", "GET", "/api/devices", null, null, null, 401, "unauthenticated"),
        new Case("not bearer", "GET", "/api/devices", null, null, null, 401, "unauthenticated"),
        new Case("malformed token", "GET", "/api/devices", "abc", null, null, 401, "unauthenticated"),
        new Case("forged token", "GET", "/api/devices", ApiTokens.generate(), null, null, 401, "unauthenticated"),
        new Case("token with a changed character", "GET", "/api/devices", flipLast(op), null, null, 401,
            "unauthenticated"),
        new Case("unknown path", "GET", "/api/nope", op, null, null, 404, "not_found"),
        new Case("unknown path without token", "GET", "/api/nope", null, null, null, 401, "unauthenticated"),
        new Case("path traversal in device id", "GET", "/api/devices/..%2F..%2Fetc%2Fpasswd", op, null, null, 400,
            "bad_id"),
        new Case("dot-dot device id", "GET", "/api/devices/..", op, null, null, 404, "not_found"),
        new Case("path traversal outside api", "GET", "/../../etc/passwd", null, null, null, 404, "not_found"),
        new Case("encoded traversal in static path", "GET", "/%2e%2e/%2e%2e/etc/passwd", null, null, null, 404,
            "not_found"),
        new Case("device id with quote", "GET", "/api/devices/a'%20OR%201=1", op, null, null, 400, "bad_id"),
        new Case("non-numeric incident id", "GET", "/api/incidents/abc", op, null, null, 400, "bad_id"),
        new Case("negative incident id", "GET", "/api/incidents/-1", op, null, null, 400, "bad_id"),
        new Case("overflowing incident id", "GET", "/api/incidents/99999999999999999999", op, null, null, 400,
            "bad_id"),
        new Case("uuid where an id goes", "GET", "/api/incidents/3f2b8c1e-1d2a-4c5b-9e8f-0a1b2c3d4e5f", op, null, null,
            400,
            "bad_id"),
        new Case("unknown incident", "GET", "/api/incidents/987654321", op, null, null, 404, "not_found"),
        new Case("bad date", "GET", "/api/kpis?from=yesterday", op, null, null, 400, "bad_time"),
        new Case("date without offset", "GET", "/api/kpis?from=2026-01-01T00:00:00", op, null, null, 400, "bad_time"),
        new Case("reversed range", "GET", "/api/kpis?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", op, null, null,
            400,
            "bad_range"),
        new Case("telemetry range too long", "GET", "/api/devices/acme-dev-1/telemetry?metric=pressure_bar"
            + "&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", op, null, null, 400, "bad_range"),
        new Case("unknown metric", "GET", "/api/devices/acme-dev-1/telemetry?metric=nope", op, null, null, 404,
            "not_found"),
        new Case("bad step", "GET", "/api/devices/acme-dev-1/telemetry?metric=pressure_bar&step=7", op, null, null, 400,
            "bad_parameter"),
        new Case("bad status filter", "GET", "/api/devices?status=melting", op, null, null, 400, "bad_parameter"),
        new Case("limit not a number", "GET", "/api/devices?limit=ten", op, null, null, 400, "bad_parameter"),
        new Case("limit too large", "GET", "/api/devices?limit=100000", op, null, null, 400, "bad_parameter"),
        new Case("repeated parameter", "GET", "/api/devices?model=a&model=b", op, null, null, 400, "bad_parameter"),
        new Case("control characters in filter", "GET", "/api/devices?model=%00%01", op, null, null, 400,
            "bad_parameter"),
        new Case("bad JSON", "POST", "/api/incidents/" + incident + "/silence", op, json, "{\"until\":", 400,
            "bad_json"),
        new Case("JSON array body", "POST", "/api/incidents/" + incident + "/silence", op, json, "[1,2]", 400,
            "bad_json"),
        new Case("no body", "POST", "/api/incidents/" + incident + "/silence", op, json, null, 400, "bad_json"),
        new Case("wrong content type", "POST", "/api/incidents/" + incident + "/silence", op, "text/plain", "{}", 415,
            "unsupported_media_type"),
        new Case("wrong type", "POST", "/api/incidents/" + incident + "/silence", op, json,
            "{\"until\":5,\"reason\":\"x\"}",
            400, "wrong_type"),
        new Case("missing field", "POST", "/api/incidents/" + incident + "/silence", op, json,
            "{\"until\":\"2030-01-01T00:00:00Z\"}",
            400, "missing_field"),
        new Case("silence in the past", "POST", "/api/incidents/" + incident + "/silence", op, json,
            "{\"until\":\"2020-01-01T00:00:00Z\",\"reason\":\"x\"}", 400, "bad_field"),
        new Case("huge body", "POST", "/api/incidents/" + incident + "/resolve", op, json, huge, 413, "body_too_large"),
        new Case("bad resolve body", "POST", "/api/incidents/" + incident + "/resolve", op, json, "nope", 400,
            "bad_json"),
        new Case("window with unknown scope", "POST", "/api/maintenance-windows", op, json,
            "{\"scope_type\":\"planet\","
                + "\"scope_value\":\"x\",\"starts_at\":\"2030-01-01T00:00:00Z\",\"ends_at\":\"2030-01-02T00:00:00Z\",\"reason\":\"r\"}",
            400, "bad_field"),
        new Case("window ending before it starts", "POST", "/api/maintenance-windows", op, json,
            "{\"scope_type\":\"region\","
                + "\"scope_value\":\"north\",\"starts_at\":\"2030-01-02T00:00:00Z\",\"ends_at\":\"2030-01-01T00:00:00Z\",\"reason\":\"r\"}",
            400, "bad_field"),
        new Case("window with announce as text", "POST", "/api/maintenance-windows", op, json,
            "{\"scope_type\":\"region\","
                + "\"scope_value\":\"north\",\"starts_at\":\"2030-01-01T00:00:00Z\",\"ends_at\":\"2030-01-02T00:00:00Z\","
                + "\"reason\":\"r\",\"announce\":\"yes\"}",
            400, "wrong_type"),
        new Case("preferences with unknown channel", "PUT", "/api/customers/acme-cust-1/preferences", op, json,
            "{\"channel_order\":[\"pigeon\"],\"opted_out\":[],\"daily_cap\":1}", 400, "bad_field"),
        new Case("preferences with bad time", "PUT", "/api/customers/acme-cust-1/preferences", op, json,
            "{\"channel_order\":[\"sms\"],\"opted_out\":[],\"daily_cap\":1,\"quiet_start\":\"25:99\",\"quiet_end\":\"07:00\"}",
            400, "bad_field"),
        new Case("preferences cap as float", "PUT", "/api/customers/acme-cust-1/preferences", op, json,
            "{\"channel_order\":[\"sms\"],\"opted_out\":[],\"daily_cap\":1.5}", 400, "wrong_type"),
        new Case("invalid rule file", "POST", "/api/rules/validate", op, json,
            "{\"version\":1,\"models\":{\"toaster\":{}}}",
            422, "invalid_rules"),
        new Case("token with unknown role", "POST", "/api/tokens", admin, json, "{\"name\":\"x\",\"role\":\"root\"}",
            400,
            "bad_field"),
        new Case("rule set with an invalid file", "POST", "/api/rules/versions", fleetAdmin, json,
            submit.formatted("{\"version\":\"v9\",\"models\":{\"toaster\":{}}}", active), 422, "invalid_rules"),
        new Case("rule set without a file", "POST", "/api/rules/versions", fleetAdmin, json,
            "{\"reason\":\"r\",\"expected_active\":\"" + active + "\"}", 400, "missing_field"),
        new Case("rule set file as text", "POST", "/api/rules/versions", fleetAdmin, json,
            submit.formatted("\"rules.json\"", active), 400, "wrong_type"),
        new Case("rule set without a reason", "POST", "/api/rules/versions", fleetAdmin, json,
            "{\"rule_file\":" + shipped + ",\"expected_active\":\"" + active + "\"}", 400, "missing_field"),
        new Case("rule set of a stored version", "POST", "/api/rules/versions", fleetAdmin, json,
            submit.formatted(shipped, active), 409, "version_exists"),
        new Case("rule set on a stale active version", "POST", "/api/rules/versions", fleetAdmin, json,
            submit.formatted(shipped.replace(active, "stale-1"), "1999-01-01.1"), 409, "active_changed"),
        new Case("rule set from another tenant", "POST", "/api/rules/versions", admin, json,
            submit.formatted(shipped.replace(active, "acme-1"), active), 403, "operator_tenant_only"),
        new Case("activate an unknown version", "POST", "/api/rules/versions/no-such-version/activate", fleetAdmin,
            json,
            "{\"reason\":\"r\",\"expected_active\":\"" + active + "\"}", 404, "not_found"),
        new Case("activate a path-walking version", "POST", "/api/rules/versions/..%2F..%2Fetc/activate", fleetAdmin,
            json,
            "{\"reason\":\"r\",\"expected_active\":\"" + active + "\"}", 400, "bad_id"),
        new Case("activate the active version", "POST", "/api/rules/versions/" + active + "/activate", fleetAdmin, json,
            "{\"reason\":\"r\",\"expected_active\":\"" + active + "\"}", 409, "already_active"),
        new Case("rule set versions limit too large", "GET", "/api/rules/versions?limit=5000", fleetAdmin, null, null,
            400,
            "bad_parameter"),
        new Case("wrong method", "PATCH", "/api/devices", op, null, null, 405, "method_not_allowed"));

    for (Case c : cases) {
      // WHEN the bad request is sent
      HttpResponse<String> r = c.name().equals("not bearer")
          ? f.withAuthorization(c.path(), "Basic YWRtaW46YWRtaW4=")
          : f.send(c.method(), c.path(), c.token(), c.contentType(), c.body());
      // THEN the reply is the expected client error, as JSON naming the problem
      String what = c.name() + " -> " + r.statusCode() + " " + r.body();
      assertThat(r.statusCode()).as(what).isEqualTo(c.status());
      assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
      JsonObject error = new JsonObject(r.body()).getJsonObject("error");
      assertThat(error.getString("code")).as(what).isEqualTo(c.code());
      assertThat(error.getString("message")).as(what).isNotBlank();
    }
  }

  @Test
  void noRouteAnswersJunkWithAServerError() throws Exception {
    // GIVEN junk for every path parameter and every body, sent to every route by an admin (of the operator
    // tenant for the fleet-wide routes, so their handlers run too)
    String admin = f.tokens.get("acme.admin");
    String fleetAdmin = f.tokens.get("default.admin");
    List<String> junkIds = List.of("%00", "..", "%2e%2e", "'%20OR%201=1--", "x".repeat(3000), "-1", "1e9", "0x10",
        "%EF%BC%99", "%F0%9F%94%A5", "9223372036854775808", "%25", "null");
    List<String> junkBodies = List.of("", "null", "[]", "\"text\"", "{}", "{\"until\":[],\"reason\":{}}",
        "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001),
        "\u0000\u0001",
        "{\"scope_type\":\"region\",\"scope_value\":\"" + "\\u0000" + "\",\"starts_at\":\"9999-99-99\"}");
    int sent = 0;
    for (var route : f.service.http().routes()) {
      if (route.path().endsWith("/stream")) {
        continue;
      }
      for (String id : junkIds) {
        String path = route.path().replaceAll(":[A-Za-z]+", id);
        List<String> bodies = route.method().name().equals("GET") ? java.util.Collections.singletonList(null)
            : junkBodies;
        for (String body : bodies) {
          // WHEN it is sent
          HttpResponse<String> r = f.send(route.method().name(), path, route.operatorTenantOnly() ? fleetAdmin : admin,
              body == null ? null : "application/json", body);
          sent++;
          // THEN the reply is never a server error, and every error is JSON
          String what = route.method() + " " + path.substring(0, Math.min(path.length(), 80)) + " body="
              + (body == null ? "none" : body.substring(0, Math.min(body.length(), 40))) + " -> " + r.statusCode() + " "
              + r.body();
          assertThat(r.statusCode()).as(what).isLessThan(500);
          if (r.statusCode() >= 400) {
            assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code")).as(what).isNotBlank();
          }
        }
      }
    }
    assertThat(sent).isGreaterThan(500);
  }

  private static String flipLast(String token) {
    char last = token.charAt(token.length() - 1);
    return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
  }
}
