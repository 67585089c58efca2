package io.forewarn.ops.app;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads a server-sent event stream on its own thread; {@link #next} waits for the next event's data. */
final class SseClient implements AutoCloseable {
  private final InputStream body;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final StringBuilder received = new StringBuilder();
  private final Thread reader;

  private SseClient(InputStream body) {
    this.body = body;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static SseClient open(String url, String token) throws Exception {
    // The request timeout bounds the wait for the response headers, which the server sends with its
    // first line; HTTP/1.1 as browsers' EventSource uses it (no h2c upgrade on a never-ending response).
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("stream answered " + r.statusCode() + ": " + new String(r.body().readAllBytes(),
          StandardCharsets.UTF_8));
    }
    SseClient client = new SseClient(r.body());
    // The stream starts after the change number current at connect time: wait for its first line.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (client.received().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return client;
  }

  JsonObject next(Duration timeout) throws InterruptedException {
    String data = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (data == null) {
      throw new AssertionError("no event within " + timeout + "; received so far: " + received());
    }
    return new JsonObject(data);
  }

  synchronized String received() {
    return received.toString();
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          received.append(line).append('\n');
        }
        if (line.startsWith("data: ")) {
          events.add(line.substring(6));
        }
      }
    } catch (java.io.IOException e) {
      // closed by the test
    }
  }

  @Override
  public void close() throws Exception {
    body.close();
  }
}
