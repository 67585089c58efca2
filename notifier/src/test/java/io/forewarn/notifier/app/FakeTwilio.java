package io.forewarn.notifier.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of Twilio's Messages resource that remembers what it accepted, so the message list
 * ({@code GET Messages.json?To=}) tells the truth the way the real one does, which is what the
 * recovery rule relies on. After {@code holdAfter} messages it stops answering (the message is
 * taken, the reply never comes) until {@link #release()}: a notifier killed then has sends in
 * flight whose outcome it never learnt.
 */
final class FakeTwilio implements AutoCloseable {
  record Accepted(String sid, String to, ZonedDateTime created) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(32);
  private final List<Accepted> accepted = new ArrayList<>();
  private final AtomicInteger sids = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private final int holdAfter;

  FakeTwilio(String messagesPath, int holdAfter) throws IOException {
    this.holdAfter = holdAfter;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext(messagesPath, this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<Accepted> accepted() {
    return List.copyOf(accepted);
  }

  /** Moves every accepted message's creation time by {@code by} (to play a crash long ago). */
  synchronized void shiftCreated(java.time.Duration by) {
    accepted.replaceAll(a -> new Accepted(a.sid(), a.to(), a.created().plus(by)));
  }

  void release() {
    released.countDown();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (ex.getRequestMethod().equals("GET")) {
        list(ex);
        return;
      }
      String to;
      try (InputStream in = ex.getRequestBody()) {
        to = form(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get("To");
      }
      Accepted a;
      int n;
      synchronized (this) {
        a = new Accepted("SM" + String.format("%032d", sids.incrementAndGet()), to, ZonedDateTime.now(ZoneOffset.UTC));
        accepted.add(a);
        n = accepted.size();
      }
      if (n > holdAfter) {
        released.await(60, TimeUnit.SECONDS);
      }
      reply(ex, 201, "{\"sid\":\"" + a.sid() + "\",\"to\":\"" + to + "\",\"status\":\"queued\"}");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException gone) {
      // The notifier was killed while we held its request: exactly the case under test.
    }
  }

  private void list(HttpExchange ex) throws IOException {
    String to = form(ex.getRequestURI().getRawQuery()).get("To");
    StringBuilder json = new StringBuilder("{\"messages\":[");
    String sep = "";
    for (Accepted a : accepted()) {
      if (a.to().equals(to)) {
        json.append(sep).append("{\"sid\":\"").append(a.sid()).append("\",\"to\":\"").append(a.to())
            .append("\",\"status\":\"sent\",\"date_created\":\"")
            .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(a.created())).append("\"}");
        sep = ",";
      }
    }
    reply(ex, 200, json.append("]}").toString());
  }

  private static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> out = new HashMap<>();
    if (encoded == null) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
