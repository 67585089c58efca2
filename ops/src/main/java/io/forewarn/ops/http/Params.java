package io.forewarn.ops.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks path and query parameters. Every failure is an {@link ApiProblem} naming the
 * parameter, what was given and what is expected.
 */
public final class Params {
  /** Device and customer external ids: what the gateway accepts in topics, nothing that walks paths. */
  private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private static final Pattern FILTER_VALUE = Pattern.compile("[\\p{L}\\p{N} ._:/+-]{1,100}");
  private static final int MAX_SHOWN = 60;

  private Params() {}

  public static long id(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long v = Long.parseLong(raw);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.badRequest("bad_id", name + " must be a positive whole number, got '" + shown(raw) + "'");
  }

  public static String externalId(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    if (raw == null || !EXTERNAL_ID.matcher(raw).matches()) {
      throw ApiProblem.badRequest("bad_id",
          name + " must be 1-128 of [A-Za-z0-9._:-] starting with a letter or digit, got '"
              + shown(raw) + "'");
    }
    return raw;
  }

  /** An optional filter value (model, region, firmware); null when absent. */
  public static String filter(RoutingContext ctx, String name) {
    String raw = single(ctx, name);
    if (raw == null) {
      return null;
    }
    if (!FILTER_VALUE.matcher(raw).matches()) {
      throw ApiProblem.badRequest("bad_parameter",
          name + " must be 1-100 letters, digits, spaces or ._:/+-, got '" + shown(raw) + "'");
    }
    return raw;
  }

  public static String choice(RoutingContext ctx, String name, Set<String> allowed) {
    String raw = single(ctx, name);
    if (raw != null && !allowed.contains(raw)) {
      throw ApiProblem.badRequest("bad_parameter", name + " must be one of " + allowed.stream().sorted().toList()
          + ", got '" + shown(raw) + "'");
    }
    return raw;
  }

  public static int integer(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String raw = single(ctx, name);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiProblem.badRequest("bad_parameter", name + " must be a whole number in [" + min + ", " + max + "], got '"
        + shown(raw) + "'");
  }

  public static Instant instant(RoutingContext ctx, String name, Instant defaultValue) {
    String raw = single(ctx, name);
    return raw == null ? defaultValue : instant(name, raw);
  }

  /** ISO-8601 instants with an offset, e.g. {@code 2026-12-01T08:00:00Z}. */
  public static Instant instant(String name, String raw) {
    try {
      return java.time.OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest("bad_time",
          name + " must be an ISO-8601 time with offset (e.g. 2026-12-01T08:00:00Z), got '"
              + shown(raw) + "'");
    }
  }

  private static String single(RoutingContext ctx, String name) {
    var all = ctx.queryParam(name);
    if (all.size() > 1) {
      throw ApiProblem.badRequest("bad_parameter", name + " is given " + all.size() + " times; give it once");
    }
    if (all.isEmpty() || all.get(0).isEmpty()) {
      return null;
    }
    return all.get(0);
  }

  /** A caller-supplied value made safe to echo in an error message. */
  public static String externalIdShown(String raw) {
    return shown(raw);
  }

  static String shown(String raw) {
    if (raw == null) {
      return "";
    }
    String clean = raw.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_SHOWN ? clean.substring(0, MAX_SHOWN) + "…" : clean;
  }
}
