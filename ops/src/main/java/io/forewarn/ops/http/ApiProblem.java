package io.forewarn.ops.http;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A client error with its HTTP status, a stable machine code and plain words. Raised while reading
 * a request and turned into a JSON reply by {@link Api}; it never escapes a handler.
 */
public final class ApiProblem extends RuntimeException {
  private final int status;
  private final String code;
  private final List<String> details;

  public ApiProblem(int status, String code, String message, List<String> details) {
    super(message, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an ApiProblem carries an error status, not " + status);
    }
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public static ApiProblem badRequest(String code, String message) {
    return new ApiProblem(400, code, message, List.of());
  }

  public static ApiProblem notFound(String what) {
    return new ApiProblem(404, "not_found", what + " not found", List.of());
  }

  public static ApiProblem conflict(String message) {
    return new ApiProblem(409, "conflict", message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject toJson() {
    JsonObject error = new JsonObject().put("status", status).put("code", code).put("message", getMessage());
    if (!details.isEmpty()) {
      error.put("details", details);
    }
    return new JsonObject().put("error", error);
  }
}
