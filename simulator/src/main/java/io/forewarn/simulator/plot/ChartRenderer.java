package io.forewarn.simulator.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws panels in a grid into a PNG with plain Java2D (works headless). */
public final class ChartRenderer {
  private static final int PANEL_W = 760;
  private static final int PANEL_H = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final Color LIMIT = new Color(200, 0, 0);
  private static final long MAX_JOIN_MILLIS = 3 * 3_600_000L;

  public void write(List<Panel> panels, int columns, Path file) throws IOException {
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * PANEL_W, rows * PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      Graphics2D p = (Graphics2D) g.create((i % columns) * PANEL_W, (i / columns) * PANEL_H, PANEL_W, PANEL_H);
      draw(p, panels.get(i));
      p.dispose();
    }
    g.dispose();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private void draw(Graphics2D g, Panel panel) {
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Panel.Series s : panel.series()) {
      for (int i = 0; i < s.times().length; i++) {
        t0 = Math.min(t0, s.times()[i]);
        t1 = Math.max(t1, s.times()[i]);
        lo = Math.min(lo, s.values()[i]);
        hi = Math.max(hi, s.values()[i]);
      }
    }
    for (Panel.Limit l : panel.limits()) {
      lo = Math.min(lo, l.value());
      hi = Math.max(hi, l.value());
    }
    double pad = (hi - lo) * 0.08 + 1e-9;
    Frame f = new Frame(t0, t1, lo - pad, hi + pad, PANEL_W - LEFT - RIGHT, PANEL_H - TOP - BOTTOM);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    g.drawString(panel.title(), LEFT, 22);
    axes(g, f, panel.yLabel());
    for (Panel.Limit l : panel.limits()) {
      int y = f.y(l.value());
      g.setColor(LIMIT);
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 5}, 0));
      g.drawLine(LEFT, y, LEFT + f.width, y);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      // Above the line, or below it near the top where the marker labels are.
      g.drawString(l.label(), LEFT + 5, y - 4 < TOP + 24 ? y + 14 : y - 4);
    }
    for (Panel.Series s : panel.series()) {
      Path2D path = new Path2D.Double();
      for (int i = 0; i < s.times().length; i++) {
        double x = LEFT + f.x(s.times()[i]);
        double y = f.y(s.values()[i]);
        // A gap of hours without data (a boiler locked out reports no flame signal) is drawn as a gap.
        if (i == 0 || s.times()[i] - s.times()[i - 1] > MAX_JOIN_MILLIS) {
          path.moveTo(x, y);
        } else {
          path.lineTo(x, y);
        }
      }
      g.setColor(s.color());
      g.setStroke(new BasicStroke(1.0f));
      g.draw(path);
    }
    int legendX = LEFT + 10;
    int legendY = PANEL_H - 12;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (Panel.Marker m : panel.markers()) {
      int x = LEFT + (int) f.x(m.time());
      g.setColor(m.color());
      g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0));
      g.drawLine(x, TOP, x, TOP + f.height);
      g.drawString(m.label(), x + 4, TOP + 14);
    }
    for (Panel.Series s : panel.series()) {
      g.setColor(s.color());
      g.fillRect(legendX, legendY - 9, 14, 9);
      g.setColor(Color.DARK_GRAY);
      g.drawString(s.label(), legendX + 18, legendY);
      legendX += 30 + g.getFontMetrics().stringWidth(s.label());
    }
  }

  private void axes(Graphics2D g, Frame f, String yLabel) {
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1f));
    g.drawRect(LEFT, TOP, f.width, f.height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int i = 0; i <= 5; i++) {
      double v = f.lo + (f.hi - f.lo) * i / 5;
      int y = f.y(v);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT + 1, y, LEFT + f.width - 1, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, Math.abs(f.hi - f.lo) < 10 ? "%.2f" : "%.0f", v), 8, y + 4);
    }
    long days = Math.max(1, Duration.ofMillis(f.t1 - f.t0).toDays());
    long step = days > 20 ? 5 : days > 8 ? 2 : 1;
    for (long d = 0; d <= days; d += step) {
      int x = LEFT + (int) f.x(f.t0 + d * 86_400_000L);
      g.setColor(Color.DARK_GRAY);
      g.drawLine(x, TOP + f.height, x, TOP + f.height + 4);
      g.drawString("d" + d, x - 6, TOP + f.height + 16);
    }
    g.drawString("days since start; " + yLabel, LEFT + f.width / 2 - 60, TOP + f.height + 32);
  }

  private record Frame(long t0, long t1, double lo, double hi, int width, int height) {
    double x(long t) {
      return (t - t0) * (double) width / Math.max(1, t1 - t0);
    }

    int y(double v) {
      return TOP + (int) Math.round((hi - v) * height / (hi - lo));
    }
  }
}
