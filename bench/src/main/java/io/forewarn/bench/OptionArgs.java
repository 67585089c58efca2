package io.forewarn.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --option value} pairs of a benchmark command. Unknown options, a missing value and
 * {@code --help} are reported (every problem at once) instead of running a long benchmark with
 * defaults and overwriting docs/benchmarks.md.
 */
final class OptionArgs {
  /** Thrown for {@code --help} or {@code -h}: the caller prints its usage and exits 0. */
  static final class HelpRequested extends RuntimeException {
    HelpRequested() {
      super("help requested", null, false, false);
    }
  }

  private final Map<String, String> values = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  OptionArgs(String[] args, Set<String> known) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new HelpRequested();
      }
    }
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        problems.add("expected --option value, got '" + args[i] + "'");
      } else if (!known.contains(args[i].substring(2))) {
        problems.add("unknown option " + args[i]);
      } else {
        values.put(args[i].substring(2), args[i + 1]);
      }
    }
  }

  /** Parses with {@code parser}; prints the usage and exits instead: 0 for --help, 2 for bad options. */
  static <T> T parseOrExit(String[] args, Function<String[], T> parser, String usage) {
    try {
      return parser.apply(args);
    } catch (HelpRequested e) {
      System.out.println(usage);
      System.exit(0);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage);
      System.exit(2);
    }
    throw new AssertionError("unreachable");
  }

  String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** A positive whole number, or a problem and {@code fallback}. */
  int positive(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n <= 0) {
        problems.add("--" + key + " must be positive, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add("--" + key + " must be a whole number, got '" + v + "'");
      return fallback;
    }
  }

  /** Comma-separated positive rates. */
  List<Integer> rates(String fallback) {
    List<Integer> rates = new ArrayList<>();
    for (String r : get("rates", fallback).split(",")) {
      try {
        int n = Integer.parseInt(r.trim());
        if (n <= 0) {
          problems.add("--rates must be positive, got " + n);
        }
        rates.add(n);
      } catch (NumberFormatException e) {
        problems.add("--rates must be whole numbers separated by commas, got '" + r + "'");
      }
    }
    return rates;
  }

  void problem(String text) {
    problems.add(text);
  }

  /** Throws one exception listing every problem found, if any. */
  void check() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }
}
