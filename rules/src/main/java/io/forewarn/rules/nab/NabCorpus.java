package io.forewarn.rules.nab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads a NAB corpus laid out as {@code <root>/windows.json} and {@code <root>/data/<category>/<name>.csv}.
 * Only the files that windows.json lists are loaded, in its key order sorted by name, so that every
 * run sees the corpus in the same order.
 */
public final class NabCorpus {
  // NAB writes "2014-04-10 07:15:00" in data files and "2014-04-10 07:15:00.000000" in labels.
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private NabCorpus() {}

  public static List<NabSeries> load(Path root) {
    Map<String, List<String[]>> labels = readWindows(root.resolve("windows.json"));
    List<NabSeries> corpus = new ArrayList<>(labels.size());
    for (Map.Entry<String, List<String[]>> e : new TreeMap<>(labels).entrySet()) {
      corpus.add(readSeries(root.resolve("data").resolve(e.getKey()), e.getKey(), e.getValue()));
    }
    return List.copyOf(corpus);
  }

  static long parseMillis(String text) {
    return LocalDateTime.parse(text.trim(), TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static NabSeries readSeries(Path file, String relativePath, List<String[]> windowLimits) {
    List<String> stamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine(); // header
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        int comma = line.indexOf(',');
        stamps.add(line.substring(0, comma));
        values.add(Double.parseDouble(line.substring(comma + 1).trim()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    long[] millis = new long[stamps.size()];
    double[] v = new double[values.size()];
    Map<Long, Integer> rowOf = new LinkedHashMap<>();
    for (int i = 0; i < millis.length; i++) {
      millis[i] = parseMillis(stamps.get(i));
      v[i] = values.get(i);
      rowOf.putIfAbsent(millis[i], i);
    }
    List<AnomalyWindow> windows = new ArrayList<>();
    for (String[] limits : windowLimits) {
      // NAB enters a window only on an exact timestamp match, so a label that is not a row is an error.
      Integer first = rowOf.get(parseMillis(limits[0]));
      Integer last = rowOf.get(parseMillis(limits[1]));
      if (first == null || last == null) {
        throw new IllegalArgumentException(relativePath + ": window " + limits[0] + " .. " + limits[1]
            + " does not start and end on data rows");
      }
      windows.add(new AnomalyWindow(first, last));
    }
    int slash = relativePath.indexOf('/');
    String name = relativePath.substring(slash + 1, relativePath.length() - ".csv".length());
    return new NabSeries(relativePath.substring(0, slash), name, stamps, millis, v, windows);
  }

  private static Map<String, List<String[]>> readWindows(Path file) {
    Map<String, List<String[]>> labels = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
      expect(p.nextToken(), JsonToken.START_OBJECT, file);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        expect(p.nextToken(), JsonToken.START_ARRAY, file);
        List<String[]> windows = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
          expect(p.nextToken(), JsonToken.VALUE_STRING, file);
          String start = p.getText();
          expect(p.nextToken(), JsonToken.VALUE_STRING, file);
          String end = p.getText();
          expect(p.nextToken(), JsonToken.END_ARRAY, file);
          windows.add(new String[] {start, end});
        }
        labels.put(name, windows);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return labels;
  }

  private static void expect(JsonToken actual, JsonToken expected, Path file) {
    if (actual != expected) {
      throw new IllegalArgumentException(file + ": expected " + expected + " but found " + actual);
    }
  }
}
