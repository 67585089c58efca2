package io.forewarn.simulator.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --name value} options and {@code --flag} switches of one command. Every problem (unknown
 * option, bad number, bad duration) is collected, and {@link #check()} throws once listing them all.
 */
final class CliOptions {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags;
  private final List<String> problems = new ArrayList<>();

  CliOptions(List<String> args, Set<String> allowedOptions, Set<String> allowedFlags) {
    this.flags = new java.util.HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        problems.add("unexpected argument '" + arg + "'");
        continue;
      }
      String name = arg.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (allowedFlags.contains(name) && inline == null) {
        flags.add(name);
      } else if (allowedOptions.contains(name)) {
        if (inline == null && i + 1 >= args.size()) {
          problems.add("--" + name + " needs a value");
        } else {
          values.put(name, inline != null ? inline : args.get(++i));
        }
      } else {
        problems.add("unknown option --" + name);
      }
    }
  }

  /** Whether {@code --name value} was given. */
  boolean has(String name) {
    return values.containsKey(name);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  long longValue(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      problems.add("--" + name + " must be a whole number, got '" + v + "'");
      return fallback;
    }
  }

  int intValue(String name, int fallback) {
    long v = longValue(name, fallback);
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      problems.add("--" + name + " is out of range");
      return fallback;
    }
    return (int) v;
  }

  double doubleValue(String name, double fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      problems.add("--" + name + " must be a number, got '" + v + "'");
      return fallback;
    }
  }

  Duration duration(String name, Duration fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    Duration d = parseDuration(v);
    if (d == null) {
      problems.add("--" + name + " must be a duration like 500ms, 30s, 5m, 2h, 30d or PT5M, got '" + v + "'");
      return fallback;
    }
    return d;
  }

  List<Double> doubles(String name) {
    String v = values.get(name);
    List<Double> list = new ArrayList<>();
    if (v == null) {
      return list;
    }
    for (String part : v.split(",")) {
      try {
        list.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        problems.add("--" + name + " must be numbers separated by commas, got '" + v + "'");
        return List.of();
      }
    }
    return list;
  }

  /** Records a problem found while interpreting the values (e.g. a range check). */
  void problem(String message) {
    problems.add(message);
  }

  /** Throws once, listing every problem found. */
  void check() {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("pt") || t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        return null;
      }
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches()) {
      return null;
    }
    double amount = Double.parseDouble(m.group(1));
    long millis = switch (m.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 86_400_000;
    };
    return Duration.ofMillis(Math.round(amount * millis));
  }
}
