package io.forewarn.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Forewarn service (rules, notifier) running from its jar as its own JVM, as in production, so
 * it can be killed with SIGKILL. Its output goes to a log file (appended across restarts).
 */
final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final int httpPort;

  ServiceProcess(Path jar, Map<String, String> env, String portVariable, int httpPort, Path log) throws IOException {
    this.httpPort = httpPort;
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", jar.toString());
    pb.environment().putAll(env);
    pb.environment().put(portVariable, String.valueOf(httpPort));
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    this.process = pb.start();
  }

  /** SIGKILL: no shutdown hook, nothing flushed, no transaction finished. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void awaitHealthy(Duration timeout) throws InterruptedException {
    await(timeout, true);
  }

  /**
   * Up and answering HTTP, whatever its health says: the rules service may answer 503 while its first
   * cycle over a large backlog is still running, which is exactly when the suite wants to kill it.
   */
  void awaitListening(Duration timeout) throws InterruptedException {
    await(timeout, false);
  }

  private void await(Duration timeout, boolean healthy) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("service exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 || !healthy) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(200);
    }
    process.destroyForcibly(); // never leave a half-started service behind
    throw new IllegalStateException("service not " + (healthy ? "healthy" : "listening") + " within " + timeout);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
