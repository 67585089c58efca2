package io.forewarn.ops.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/** Reads a JSON object body and its fields, with an {@link ApiProblem} for every kind of bad input. */
public final class JsonBody {
  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  public static JsonBody of(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiProblem(415, "unsupported_media_type", "send the body as Content-Type: application/json",
          java.util.List.of());
    }
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest("bad_json", "a JSON object body is required");
    }
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      if (parsed instanceof JsonObject o) {
        return new JsonBody(o);
      }
      throw ApiProblem.badRequest("bad_json", "the body must be a JSON object, not " + kind(parsed));
    } catch (DecodeException e) {
      throw ApiProblem.badRequest("bad_json", "the body is not valid JSON: " + Params.shown(e.getMessage()));
    }
  }

  /** An absent optional body: every field reads as missing. */
  public static JsonBody ofEmpty() {
    return new JsonBody(new JsonObject());
  }

  public JsonObject json() {
    return json;
  }

  public String text(String field, int maxLength, boolean required) {
    Object v = json.getValue(field);
    if (v == null) {
      if (required) {
        throw ApiProblem.badRequest("missing_field", "'" + field + "' is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiProblem.badRequest("wrong_type", "'" + field + "' must be a string, not " + kind(v));
    }
    if (s.isBlank() || s.length() > maxLength) {
      throw ApiProblem.badRequest("bad_field", "'" + field + "' must be 1-" + maxLength + " characters");
    }
    return s;
  }

  public String choice(String field, Set<String> allowed, boolean required) {
    String v = text(field, 40, required);
    if (v != null && !allowed.contains(v)) {
      throw ApiProblem.badRequest("bad_field", "'" + field + "' must be one of " + allowed.stream().sorted().toList()
          + ", got '" + Params.shown(v) + "'");
    }
    return v;
  }

  public Instant instant(String field, boolean required) {
    String v = text(field, 40, required);
    return v == null ? null : Params.instant(field, v);
  }

  public Boolean bool(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      throw ApiProblem.badRequest("wrong_type", "'" + field + "' must be true or false, not " + kind(v));
    }
    return b;
  }

  public Integer integer(String field, int min, int max) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
        || ((Number) v).longValue() > max) {
      throw ApiProblem.badRequest("wrong_type", "'" + field + "' must be a whole number in [" + min + ", " + max + "]");
    }
    return ((Number) v).intValue();
  }

  /** A list of strings, each from {@code allowed}, no repeats; null when absent. */
  public java.util.List<String> list(String field, Set<String> allowed) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof io.vertx.core.json.JsonArray a)) {
      throw ApiProblem.badRequest("wrong_type", "'" + field + "' must be an array, not " + kind(v));
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Object e : a) {
      if (!(e instanceof String s) || !allowed.contains(s) || out.contains(s)) {
        throw ApiProblem.badRequest("bad_field", "'" + field + "' must hold distinct values from "
            + allowed.stream().sorted().toList());
      }
      out.add(s);
    }
    return out;
  }

  public static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Number) {
      return "a number";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof io.vertx.core.json.JsonArray) {
      return "an array";
    }
    return "an object";
  }
}
