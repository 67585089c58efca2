package io.forewarn.rules.nab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command line of {@link NabCommand}.
 *
 * @param data   corpus root holding windows.json and data/
 * @param out    where results/ is written
 * @param report markdown file to (re)write with the scores, if given
 */
record NabArgs(Path data, Path out, Optional<Path> report) {
  static final String USAGE = "usage: nab --data <corpus dir> --out <results dir> [--report <markdown file>]";

  static NabArgs parse(String[] args) {
    Path data = null;
    Path out = null;
    Path report = null;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (flag) {
        case "--data" -> data = pathOrProblem(flag, value, problems);
        case "--out" -> out = pathOrProblem(flag, value, problems);
        case "--report" -> report = pathOrProblem(flag, value, problems);
        default -> problems.add("unknown argument " + flag);
      }
      if (flag.startsWith("--")) {
        i++;
      }
    }
    if (data == null) {
      problems.add("--data is required");
    }
    if (out == null) {
      problems.add("--out is required");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems) + "\n" + USAGE);
    }
    return new NabArgs(data, out, Optional.ofNullable(report));
  }

  private static Path pathOrProblem(String flag, String value, List<String> problems) {
    if (value == null || value.startsWith("--")) {
      problems.add(flag + " needs a value");
      return null;
    }
    return Path.of(value);
  }
}
