package io.forewarn.simulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.simulator.app.SimulatorMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: runs the CLI in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
  static Cli run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs with these environment variables. */
  static Cli run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new SimulatorMain(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, Clock.systemUTC())
        .run(args, new AtomicBoolean());
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The first number {@code regex} captures in what the run printed, e.g. {@code "telemetry (\\d+)"}. */
  long number(String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    assertThat(m.find()).as("'" + regex + "' in:\n" + out).isTrue();
    return Long.parseLong(m.group(1));
  }
}
