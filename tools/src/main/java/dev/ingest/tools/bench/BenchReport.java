package dev.ingest.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes the benchmark's figures three ways: {@code FILE} (JSON), {@code FILE.md} (a markdown table) and
 * {@code FILE.png} (a bar chart of records per second: the ceiling, then the pipeline at each parallelism, over
 * the endpoint run and over the whole local run).
 */
public final class BenchReport {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 420;

  private BenchReport() {}

  /** Writes the three files; returns the paths written. */
  public static Map<String, Path> write(Map<String, Object> figures, Path json) throws IOException {
    Path parent = json.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path markdown = json.resolveSibling(base + ".md");
    Path png = json.resolveSibling(base + ".png");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), figures);
    Files.writeString(markdown, markdown(figures));
    ImageIO.write(chart(figures), "png", png.toFile());
    Map<String, Path> written = new LinkedHashMap<>();
    written.put("json", json);
    written.put("markdown", markdown);
    written.put("png", png);
    return written;
  }

  static String markdown(Map<String, Object> figures) {
    StringBuilder md = new StringBuilder("| figure | value |\n|---|---|\n");
    figures.forEach((k, v) -> md.append("| `").append(k).append("` | ").append(v).append(" |\n"));
    return md.toString();
  }

  static BufferedImage chart(Map<String, Object> figures) {
    Map<String, Double> bars = new LinkedHashMap<>();
    if (figures.get("ceiling_records_per_s") instanceof Number n) {
      bars.put("ceiling (loop)", n.doubleValue());
    }
    figures.forEach((k, v) -> {
      if (k.startsWith("e2e_records_per_s_p") && v instanceof Number n) {
        String p = k.substring("e2e_records_per_s_p".length());
        bars.put("p" + p + " run", n.doubleValue());
        if (figures.get("e2e_wall_records_per_s_p" + p) instanceof Number wall) {
          bars.put("p" + p + " wall", wall.doubleValue());
        }
      }
    });
    for (String side : new String[] {"native", "manifest"}) { // bench manifest
      if (figures.get(side + "_best") instanceof Number n) {
        bars.put(side + " (best run)", n.doubleValue());
      }
    }
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("records/s committed to Iceberg (" + figures.get("records") + " x ~1 KB records, plain JSON)",
        20, 30);
    double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
    int left = 60;
    int bottom = HEIGHT - 60;
    int plotHeight = bottom - 60;
    int slot = bars.isEmpty() ? 1 : (WIDTH - left - 20) / bars.size();
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, bottom, WIDTH - 20, bottom);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    int i = 0;
    for (Map.Entry<String, Double> bar : bars.entrySet()) {
      int h = (int) (plotHeight * bar.getValue() / max);
      int x = left + i * slot + slot / 6;
      int w = slot * 2 / 3;
      g.setColor(bar.getKey().startsWith("ceiling") ? new Color(0x9E9E9E)
          : bar.getKey().endsWith("wall") ? new Color(0x90CAF9) : new Color(0x1565C0));
      g.fillRect(x, bottom - h, w, h);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%,.0f", bar.getValue()), x, bottom - h - 6);
      g.drawString(bar.getKey(), x, bottom + 20);
      i++;
    }
    Object load = figures.get("load_average_start") instanceof Map<?, ?> m ? m.get("1m") : null;
    g.drawString("run: first request to last commit; wall: incl. MiniCluster start; load average " + load,
        left, HEIGHT - 15);
    g.dispose();
    return image;
  }
}
