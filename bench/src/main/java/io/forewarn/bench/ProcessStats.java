package io.forewarn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of processes, read from /proc (Linux). */
final class ProcessStats {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessStats() {}

  /** User + system CPU seconds of the given processes. */
  static double cpuSeconds(List<Long> pids) {
    double total = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
      } catch (IOException | RuntimeException gone) {
        // Process ended between listing and reading.
      }
    }
    return total;
  }

  /**
   * CPU seconds used since {@code mark} by the processes alive now: per process, so a backend that
   * ended in between does not make the sum negative, and one that started counts from zero.
   */
  static double cpuSecondsSince(java.util.Map<Long, Double> mark, List<Long> pids) {
    double total = 0;
    for (long pid : pids) {
      double now = cpuSeconds(List.of(pid));
      total += Math.max(0, now - mark.getOrDefault(pid, 0.0));
    }
    return total;
  }

  static java.util.Map<Long, Double> cpuByPid(List<Long> pids) {
    java.util.Map<Long, Double> m = new java.util.HashMap<>();
    pids.forEach(pid -> m.put(pid, cpuSeconds(List.of(pid))));
    return m;
  }

  /** Resident set size in MiB. */
  static double rssMiB(List<Long> pids) {
    double kib = 0;
    for (long pid : pids) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmRSS:")) {
            kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | RuntimeException gone) {
        // Process ended.
      }
    }
    return kib / 1024.0;
  }

  static List<Long> postgresPids() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        .map(ProcessHandle::pid).toList();
  }
}
