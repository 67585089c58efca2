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

/** A gateway running as its own JVM, as in production, so its CPU and memory can be measured. */
final class GatewayProcess implements AutoCloseable {
  private final Process process;
  private final int httpPort;

  GatewayProcess(Path jar, Map<String, String> env, int httpPort, Path log) throws IOException {
    this.httpPort = httpPort;
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-jar", jar.toString());
    pb.environment().putAll(env);
    pb.environment().put("FOREWARN_HTTP_PORT", String.valueOf(httpPort));
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    this.process = pb.start();
  }

  /** SIGKILL: no shutdown hook, no final write, no acknowledgement. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  long pid() {
    return process.pid();
  }

  void awaitHealthy(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("gateway exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r = http
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Still starting.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("gateway not healthy within " + timeout);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
