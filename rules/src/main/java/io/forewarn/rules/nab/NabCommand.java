package io.forewarn.rules.nab;

import io.forewarn.rules.detection.anomaly.AnomalyDetectorConfig;
import io.forewarn.rules.detection.anomaly.StreamingAnomalyDetector;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nab}: runs the streaming anomaly detector over a NAB corpus, writes NAB result files, scores the
 * three profiles with {@link NabScorer}, measures evaluator throughput and optionally writes the report.
 */
public final class NabCommand {
  /** Name of the detector in result paths: letters and digits only, as NAB requires. */
  public static final String DETECTOR = "forewarn";

  private final PrintStream out;
  private final Clock clock;

  public NabCommand(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  public static void main(String[] args) {
    int code;
    try {
      code = new NabCommand(System.out, Clock.systemUTC()).run(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** Returns the process exit code. */
  public int run(String[] rawArgs) {
    NabArgs args = NabArgs.parse(rawArgs);
    List<NabSeries> corpus = NabCorpus.load(args.data());
    AnomalyDetectorConfig config = AnomalyDetectorConfig.defaults();
    List<double[]> scores = new ArrayList<>(corpus.size());
    long points = 0;
    long started = System.nanoTime();
    for (NabSeries series : corpus) {
      scores.add(detect(config, series));
      points += series.size();
    }
    double detectSeconds = (System.nanoTime() - started) / 1e9;
    for (int i = 0; i < corpus.size(); i++) {
      ResultFiles.write(args.out(), DETECTOR, corpus.get(i), scores.get(i));
    }
    out.printf("%d series, %d points, %d windows; results in %s%n", corpus.size(), points,
        corpus.stream().mapToInt(s -> s.windows().size()).sum(), args.out().resolve("results").resolve(DETECTOR));
    List<ProfileResult> results = new ArrayList<>();
    for (CostProfile profile : CostProfile.NAB) {
      ProfileResult r = new NabScorer(profile).score(corpus, scores);
      results.add(r);
      out.printf("%-20s %6.2f  (threshold %.6f, raw %.3f, null %.1f, perfect %.1f, fp rows %d)%n",
          profile.name(), r.normalised(), r.best().threshold(), r.best().score(), r.nullScore(), r.perfect(),
          r.best().fp());
    }
    List<Sensitivity.Row> sensitivity = Sensitivity.around(config, corpus);
    for (Sensitivity.Row row : sensitivity) {
      out.printf("sensitivity %-34s %6.2f %6.2f %6.2f%n", row.change(), row.scores().get(0), row.scores().get(1),
          row.scores().get(2));
    }
    List<Throughput.Figure> speed = new Throughput(corpus).measureAll();
    out.printf("whole corpus detection incl. warm-up: %.0f points/s%n", points / detectSeconds);
    for (Throughput.Figure f : speed) {
      out.printf("%-40s %,12.0f points/s%n", f.what(), f.pointsPerSecond());
    }
    args.report().ifPresent(path -> {
      new NabReport(clock).write(path, rawArgs, corpus, results, sensitivity, speed);
      out.println("report written to " + path);
    });
    return 0;
  }

  static double[] detect(AnomalyDetectorConfig config, NabSeries series) {
    StreamingAnomalyDetector detector = new StreamingAnomalyDetector(config);
    double[] s = new double[series.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = detector.update(series.epochMillis()[i], series.values()[i]);
    }
    return s;
  }
}
