package dev.kibitz.probe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.fit.Penalty;
import dev.kibitz.probe.metrics.Metric;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeReportTest {

  /** Two hooks by three skill levels for "in check", accuracy 0.6 + 0.1 * hook + 0.05 * level. */
  private static List<ProbeResult> results() {
    List<ProbeResult> out = new ArrayList<>();
    String[] hooks = {"block.0", "block.5"};
    String[] levels = {"1100", "1500", "1900"};
    for (int h = 0; h < hooks.length; h++) {
      for (int c = 0; c < levels.length; c++) {
        double score = 0.6 + 0.1 * h + 0.05 * c;
        out.add(new ProbeResult("in check", hooks[h], levels[c], true, Penalty.L2, Metric.BALANCED_ACCURACY, 1e-3,
            score, Map.of(Metric.BALANCED_ACCURACY, score, Metric.ACCURACY, score, Metric.ROC_AUC, score + 0.05),
            Map.of(Metric.BALANCED_ACCURACY, 0.5, Metric.ACCURACY, 0.7, Metric.ROC_AUC, 0.5),
            Map.of(Metric.BALANCED_ACCURACY, 0.5, Metric.ACCURACY, 0.5, Metric.ROC_AUC, 0.51), 600, 200, 200, 1.5));
      }
    }
    return out;
  }

  @Test
  void jsonReadsBackAsTheSameResults() {
    List<ProbeResult> results = results();
    results.add(new ProbeResult("material", "block.0", "", false, Penalty.L2, Metric.R2, 0.1, 0.4,
        Map.of(Metric.R2, 0.41), Map.of(Metric.R2, -0.002), Map.of(Metric.R2, -0.01), 800, 100, 100, 0.25));
    assertEquals(results, ProbeReport.parse(ProbeReport.json(results)));
  }

  @Test
  void writesJsonMarkdownAndBothHeatmapsPerConcept(@TempDir Path dir) throws Exception {
    List<Path> files = ProbeReport.write(dir, results());
    assertEquals(2 + 4, files.size());
    JsonArray json = JsonParser.parseString(Files.readString(dir.resolve(ProbeReport.JSON))).getAsJsonArray();
    assertEquals(6, json.size());
    JsonObject last = json.get(5).getAsJsonObject();
    assertEquals("block.5", last.get("hook").getAsString());
    assertEquals(0.8, last.getAsJsonObject("test").get("balanced_accuracy").getAsDouble(), 1e-12);
    assertEquals(0.3, last.get("selectivity").getAsDouble(), 1e-12);
    List<String> md = Files.readAllLines(dir.resolve(ProbeReport.MARKDOWN));
    assertEquals(2 + 6, md.size());
    assertEquals("| in check | block.5 | 1900 | L2 | 1.0e-03 | balanced_accuracy | 0.800 | 0.500 | 0.500 | +0.300 | "
        + "0.850 | 600/200/200 | 1.50 |", md.get(7));
    assertTrue(Files.exists(dir.resolve("heatmap-in_check-score.png")));
    assertTrue(Files.exists(dir.resolve("heatmap-in_check-selectivity.svg")));
  }

  @Test
  void heatmapHasACellPerHookAndLevelWithItsValuePrinted() {
    Heatmap map = ProbeReport.heatmap("in check", results(), false);
    assertEquals(List.of("block.0", "block.5"), map.rows());
    assertEquals(List.of("1100", "1500", "1900"), map.columns());
    String svg = map.svg();
    assertEquals(6, count(svg, "class=\"cell\""));
    Matcher values = Pattern.compile("class=\"value\"[^>]*>([^<]*)<").matcher(svg);
    List<String> printed = new ArrayList<>();
    while (values.find()) {
      printed.add(values.group(1));
    }
    assertEquals(List.of("0.600", "0.650", "0.700", "0.700", "0.750", "0.800"), printed);
  }

  @Test
  void pngCellsCarryTheScaleColourOfTheirValue(@TempDir Path dir) throws Exception {
    Heatmap map = ProbeReport.heatmap("in check", results(), false);
    Path png = dir.resolve("m.png");
    map.writePng(png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(map.width(), img.getWidth());
    assertEquals(map.height(), img.getHeight());
    // Top-left corner of the cell for block.5 at 1900 (value 0.8), clear of its centred text.
    int left = map.width() - Heatmap.PAD - 3 * Heatmap.CELL_W;
    int x = left + 2 * Heatmap.CELL_W + 3;
    int y = Heatmap.TOP + Heatmap.CELL_H + 3;
    assertEquals(map.colour(0.8).getRGB(), img.getRGB(x, y));
    // The scale runs from chance (0.5, white) to 1 (dark blue).
    assertEquals(0xffffffff, map.colour(0.5).getRGB());
    assertEquals(map.colour(1.0).getRGB(), map.colour(1.2).getRGB());
  }

  private static int count(String s, String sub) {
    int n = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
      n++;
    }
    return n;
  }
}
