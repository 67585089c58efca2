package io.forewarn.simulator.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line entry point: {@code java -jar forewarn-simulator.jar <mode> --option value ...}.
 * Ctrl-C sets the stop flag; the running mode finishes its current step, prints its summary, and
 * the shutdown hook waits for that before the JVM exits.
 */
public final class SimulatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);
  private static final long STOP_GRACE_SECONDS = 30;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> variables;
  private final Clock clock;

  public SimulatorMain(PrintStream out, PrintStream err, Map<String, String> variables, Clock clock) {
    this.out = out;
    this.err = err;
    this.variables = Map.copyOf(variables);
    this.clock = clock;
  }

  public static void main(String[] args) {
    SimulatorMain main = new SimulatorMain(System.out, System.err, System.getenv(), Clock.systemUTC());
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.set(true);
      try {
        done.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "simulator-stop"));
    int code;
    try {
      code = main.run(args, stop);
    } finally {
      done.countDown();
    }
    System.exit(code);
  }

  public int run(String[] args, AtomicBoolean stop) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(Usage.TEXT);
      return args.length == 0 ? 2 : 0;
    }
    Command command = switch (args[0]) {
      case "live" -> new StreamCommand(false);
      case "accelerated" -> new StreamCommand(true);
      case "history" -> new HistoryCommand();
      case "register" -> new RegisterCommand();
      case "load" -> new LoadCommand();
      case "plot" -> new PlotCommand();
      default -> null;
    };
    if (command == null) {
      err.println("unknown mode '" + args[0] + "'");
      err.print(Usage.TEXT);
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      return command.run(rest, new Env(out, variables, clock, stop));
    } catch (IllegalArgumentException e) {
      err.println("forewarn-simulator " + args[0] + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("interrupted");
      return 130;
    } catch (Exception e) {
      LOG.error("{} failed", args[0], e);
      err.println("forewarn-simulator " + args[0] + " failed: " + e);
      return 1;
    }
  }
}
