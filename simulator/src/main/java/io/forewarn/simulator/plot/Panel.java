package io.forewarn.simulator.plot;

import java.awt.Color;
import java.util.List;

/**
 * One chart: series over time with vertical markers (onset, failure) and horizontal limits.
 * Times are epoch milliseconds.
 */
public record Panel(String title, String yLabel, List<Series> series, List<Marker> markers, List<Limit> limits) {
  public record Series(String label, Color color, long[] times, double[] values) {}

  public record Marker(String label, Color color, long time) {}

  public record Limit(String label, double value) {}

  public Panel {
    series = List.copyOf(series);
    markers = List.copyOf(markers);
    limits = List.copyOf(limits);
  }
}
