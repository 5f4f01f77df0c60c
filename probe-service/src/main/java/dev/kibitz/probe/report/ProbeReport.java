package dev.kibitz.probe.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.probe.ProbeResult;
import dev.kibitz.probe.fit.Penalty;
import dev.kibitz.probe.metrics.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a probing run's results: {@code probes.json} (every field of every result), {@code probes.md}
 * (one table row per probe) and per concept two heatmaps, hooks by conditioning values, of the
 * headline test score and of its selectivity, each as PNG and SVG.
 */
public final class ProbeReport {
  public static final String JSON = "probes.json";
  public static final String MARKDOWN = "probes.md";

  private ProbeReport() {}

  /** Writes everything into {@code dir} (created if missing); returns the files written. */
  public static List<Path> write(Path dir, List<ProbeResult> results) throws IOException {
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    written.add(Files.writeString(dir.resolve(JSON), json(results), StandardCharsets.UTF_8));
    written.add(Files.writeString(dir.resolve(MARKDOWN), markdown(results), StandardCharsets.UTF_8));
    for (String concept : distinct(results, ProbeResult::concept)) {
      for (boolean selectivity : new boolean[] {false, true}) {
        Heatmap map = heatmap(concept, results, selectivity);
        String base = "heatmap-" + slug(concept) + (selectivity ? "-selectivity" : "-score");
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        map.writePng(png);
        map.writeSvg(svg);
        written.add(png);
        written.add(svg);
      }
    }
    return written;
  }

  public static String json(List<ProbeResult> results) {
    JsonArray all = new JsonArray();
    for (ProbeResult r : results) {
      JsonObject o = new JsonObject();
      o.addProperty("concept", r.concept());
      o.addProperty("hook", r.hook());
      o.addProperty("conditioning", r.conditioning());
      o.addProperty("kind", r.binary() ? "binary" : "real");
      o.addProperty("penalty", r.penalty().name());
      o.addProperty("lambda", r.lambda());
      o.addProperty("metric", r.metric().key());
      o.addProperty("validation", r.validation());
      o.add("test", scores(r.test()));
      o.add("baseline", scores(r.baseline()));
      o.add("control", scores(r.control()));
      o.addProperty("selectivity", r.selectivity());
      o.addProperty("train_rows", r.trainRows());
      o.addProperty("validation_rows", r.validationRows());
      o.addProperty("test_rows", r.testRows());
      o.addProperty("direction_norm", r.directionNorm());
      all.add(o);
    }
    return new GsonBuilder().setPrettyPrinting().create().toJson(all) + "\n";
  }

  /** Reads back what {@link #json} wrote, e.g. to combine the results of several runs into one report. */
  public static List<ProbeResult> parse(String json) {
    List<ProbeResult> out = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject();
      out.add(new ProbeResult(o.get("concept").getAsString(), o.get("hook").getAsString(),
          o.get("conditioning").getAsString(), "binary".equals(o.get("kind").getAsString()),
          Penalty.valueOf(o.get("penalty").getAsString()), Metric.ofKey(o.get("metric").getAsString()),
          o.get("lambda").getAsDouble(), o.get("validation").getAsDouble(), scores(o.getAsJsonObject("test")),
          scores(o.getAsJsonObject("baseline")), scores(o.getAsJsonObject("control")), o.get("train_rows").getAsInt(),
          o.get("validation_rows").getAsInt(), o.get("test_rows").getAsInt(), o.get("direction_norm").getAsDouble()));
    }
    return out;
  }

  public static List<ProbeResult> read(Path json) throws IOException {
    try {
      return parse(Files.readString(json, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new IOException(json + " is not a probe report written by ProbeReport.json: " + e.getMessage(), e);
    }
  }

  public static String markdown(List<ProbeResult> results) {
    StringBuilder md = new StringBuilder();
    md.append("| concept | hook | conditioning | penalty | lambda | metric | test | baseline | control | selectivity "
        + "| ROC AUC | train/val/test | direction norm |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (ProbeResult r : results) {
      Double auc = r.test().get(Metric.ROC_AUC);
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1e | %s | %.3f | %.3f | %.3f | %+.3f | %s | "
          + "%d/%d/%d | %.3g |%n", cell(r.concept()), cell(r.hook()), cell(r.conditioning()), r.penalty(),
          r.lambda(), r.metric().key(), r.score(), r.baseline().get(r.metric()), r.control().get(r.metric()),
          r.selectivity(), auc == null ? "-" : String.format(Locale.ROOT, "%.3f", auc), r.trainRows(),
          r.validationRows(), r.testRows(), r.directionNorm()));
    }
    return md.toString();
  }

  /**
   * Hooks and conditioning values in the order they first appear in {@code results} (the order
   * they were trained: model order); the score scale runs from chance (0.5, or 0 for R2) to 1.
   */
  public static Heatmap heatmap(String concept, List<ProbeResult> results, boolean selectivity) {
    List<ProbeResult> mine = results.stream().filter(r -> r.concept().equals(concept)).toList();
    if (mine.isEmpty()) {
      throw new IllegalArgumentException("no results for concept '" + concept + "'");
    }
    List<String> hooks = distinct(mine, ProbeResult::hook);
    List<String> conds = distinct(mine, ProbeResult::conditioning);
    double[][] values = new double[hooks.size()][conds.size()];
    for (double[] row : values) {
      Arrays.fill(row, Double.NaN);
    }
    for (ProbeResult r : mine) {
      values[hooks.indexOf(r.hook())][conds.indexOf(r.conditioning())] = selectivity ? r.selectivity() : r.score();
    }
    Metric metric = mine.get(0).metric();
    double chance = metric == Metric.R2 ? 0 : 0.5;
    String title = concept + ": " + (selectivity ? "selectivity (" + metric.key() + " - control)"
        : "test " + metric.key());
    return selectivity ? new Heatmap(title, hooks, conds, values, 0, 1 - chance)
        : new Heatmap(title, hooks, conds, values, chance, 1);
  }

  private static JsonObject scores(Map<Metric, Double> m) {
    JsonObject o = new JsonObject();
    m.forEach((k, v) -> o.addProperty(k.key(), v));
    return o;
  }

  private static Map<Metric, Double> scores(JsonObject o) {
    Map<Metric, Double> m = new EnumMap<>(Metric.class);
    o.entrySet().forEach(e -> m.put(Metric.ofKey(e.getKey()), e.getValue().getAsDouble()));
    return m;
  }

  private static List<String> distinct(List<ProbeResult> results, Function<ProbeResult, String> f) {
    Set<String> seen = new LinkedHashSet<>();
    results.forEach(r -> seen.add(f.apply(r)));
    return List.copyOf(seen);
  }

  /** Markdown table cells cannot hold pipes or newlines. */
  private static String cell(String s) {
    return s.isEmpty() ? "-" : s.replace("|", "\\|").replace("\n", " ");
  }

  /** File-name-safe concept name: letters, digits, '-' and '_' kept, the rest '_'. */
  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
