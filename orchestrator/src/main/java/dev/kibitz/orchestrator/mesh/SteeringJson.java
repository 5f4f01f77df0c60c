package dev.kibitz.orchestrator.mesh;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.kibitz.probe.report.Heatmap;
import dev.kibitz.sae.Sae;
import java.util.ArrayList;
import java.util.List;

/** A {@code steer-sae-features} step's output: settings, per-concept results, and a heatmap of them. */
final class SteeringJson {
  static final List<String> MEASURES = List.of("acts_on_concept", "blunder_rate", "plays_stockfish_best",
      "move_changed");
  /** The measures as heatmap columns, short to fit a cell. */
  static final List<String> COLUMNS = List.of("acts", "blunder", "SF best", "changed");

  private SteeringJson() {}

  static JsonObject of(SteerSaeFeaturesStep.Config c, String hook, Sae sae, JsonArray concepts, int selection,
      int test) {
    JsonObject out = new JsonObject();
    out.addProperty("hook", hook);
    out.addProperty("sae_architecture", sae.architecture().kind().id());
    out.addProperty("sae_width", sae.width());
    out.addProperty("low_elo", c.lowElo());
    out.addProperty("features_per_concept", c.features());
    JsonArray coefficients = new JsonArray();
    c.coefficients().forEach(coefficients::add);
    out.add("coefficients", coefficients);
    out.addProperty("blunder_cp", c.blunderCp());
    out.addProperty("depth", c.depth());
    out.addProperty("selection_positions", selection);
    out.addProperty("test_positions", test);
    out.add("concepts", concepts);
    List<String> rows = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (JsonElement e : concepts) {
      JsonObject o = e.getAsJsonObject();
      for (var e2 : o.getAsJsonObject("conditions").entrySet()) { // base, then steered and control per coefficient
        JsonObject m = e2.getValue().getAsJsonObject();
        rows.add(o.get("concept").getAsString() + ": " + e2.getKey());
        values.add(MEASURES.stream().mapToDouble(k -> m.get(k).getAsDouble()).toArray());
      }
    }
    JsonArray figures = new JsonArray();
    if (!rows.isEmpty()) {
      String title = "SAE feature steering at Elo " + c.lowElo() + " (concept: condition x measure)";
      figures.add(Figures.of(title, new Heatmap(title, rows, COLUMNS, values.toArray(double[][]::new), 0, 1).svg()));
    }
    out.add("figures", figures);
    return out;
  }
}
