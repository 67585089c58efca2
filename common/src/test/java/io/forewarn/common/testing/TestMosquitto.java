package io.forewarn.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A private Mosquitto on a free loopback port, configured with the project's broker settings
 * ({@code config/mosquitto/forewarn.conf}) plus a listener, a temp persistence directory and a log.
 * Can be stopped and started again on the same port with its persisted sessions.
 */
public final class TestMosquitto implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final Path dir;
  private final Path config;
  private final int port;
  private Process process;

  private TestMosquitto(Path dir, int port, String extraConfig) throws IOException {
    this.dir = dir;
    this.port = port;
    this.config = dir.resolve("mosquitto.conf");
    String base = Files.readString(projectFile("config/mosquitto/forewarn.conf"), StandardCharsets.UTF_8);
    String conf = base + "\n# test overrides\n"
        + "listener " + port + " 127.0.0.1\n"
        + "allow_anonymous true\n"
        + "persistence_location " + dir + "/\n"
        + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
        // Runs as the current user; without this, a root run switches to 'mosquitto', who cannot write dir.
        + "user root\n"
        + extraConfig + "\n";
    Files.writeString(config, conf, StandardCharsets.UTF_8);
  }

  public static TestMosquitto start() {
    return start("");
  }

  /** A broker that lets in only the users of {@code passwordFile}, each confined by {@code aclFile}. */
  public static TestMosquitto startAuthenticated(Path passwordFile, Path aclFile) {
    return start("allow_anonymous false\npassword_file " + passwordFile + "\nacl_file " + aclFile + "\n");
  }

  public static TestMosquitto start(String extraConfig) {
    try {
      Path dir = Files.createTempDirectory("forewarn-mosquitto");
      TestMosquitto broker = new TestMosquitto(dir, freePort(), extraConfig);
      broker.startProcess();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Process id of the running broker (for CPU and memory sampling in benchmarks). */
  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return dir.resolve("mosquitto.log");
  }

  /** Graceful stop (SIGTERM): Mosquitto saves its persistence file. */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process.destroyForcibly();
    }
  }

  public void restart() {
    stop();
    try {
      startProcess();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void startProcess() throws IOException {
    String binary = System.getProperty("forewarn.it.mosquitto", "/usr/sbin/mosquitto");
    process = new ProcessBuilder(binary, "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("stdout.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(50);
      }
    }
    throw new IllegalStateException("mosquitto did not listen on " + port + " within " + START_TIMEOUT);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** Finds a file relative to the project root (the first parent holding config/mosquitto). */
  public static Path projectFile(String relative) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.exists(p.resolve(relative))) {
        return p.resolve(relative);
      }
      p = p.getParent();
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
