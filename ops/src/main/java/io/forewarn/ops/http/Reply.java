package io.forewarn.ops.http;

/** A successful reply: status and a JSON body (JsonObject or JsonArray), or none for 204. */
public record Reply(int status, Object body) {
  public Reply {
    if (status < 200 || status > 299) {
      throw new IllegalArgumentException("a Reply is a success; errors are ApiProblems");
    }
  }

  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  public static Reply created(Object body) {
    return new Reply(201, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
