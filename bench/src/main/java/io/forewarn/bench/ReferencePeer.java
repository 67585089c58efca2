package io.forewarn.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link ReferenceWriter} in its own JVM (so its CPU and memory are its own). */
final class ReferencePeer implements PeerSystem {
  private Process process;

  @Override
  public String name() {
    return "reference script (Paho → COPY)";
  }

  @Override
  public String acknowledges() {
    return "on receipt, before the write (Paho auto-ack); a crash loses its in-memory queue";
  }

  @Override
  public void start(String mqttUri, String jdbcUrl, Path work) throws Exception {
    Path jar = Path.of(ReferenceWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path log = work.resolve("reference-writer.log");
    process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
        jar.toString(), ReferenceWriter.class.getName(), mqttUri, jdbcUrl, "reference-" + ProcessHandle.current().pid())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!java.nio.file.Files.readString(log).contains("subscribed")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("reference writer did not start; see " + log);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public List<Long> pids() {
    return List.of(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }
}
