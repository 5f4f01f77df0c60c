package dev.kibitz.orchestrator.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAE feature steering (knowing vs doing, experiment 3) on a reduced size: a chess capture, an SAE trained on
 * it and measured on held-out positions, and steering per concept against a random control that edits the
 * same number of features with the same coefficient.
 */
class ChessSaeSteeringTest {
  @TempDir
  Path dir;

  @Test
  void theControlEditsAsManyFeaturesWithTheSameCoefficient() throws Exception {
    String spec = """
        name: sae-steering-reduced
        steps:
          - name: capture
            type: capture-chess
            params: {hooks: [blocks.2.resid_out], data: "%s", positions-per-elo: 10, elos: [1350, 2850],
                     concepts: [captures_available], probes: false}
          - {name: sae, type: train-sae, needs: capture, params: {capture: capture, architecture: topk, sparsity: 8,
             width: 64, steps: 40, held-out-per-elo: 2}}
          - name: steer
            type: steer-sae-features
            needs: [sae]
            params: {capture: capture, sae: sae, concepts: [captures_available, checks_available], features: 4,
                     coefficients: [1.5, 3], selection-per-elo: 10, test-per-elo: 10, depth: 4}
          - {name: report, type: report, needs: [steer], params: {title: sae steering}}
        """.formatted(ChessConceptsByEloTest.DATA);
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 1)) {
      RunRecord run = orchestrator.runner().submit(spec, "sae-steering-reduced.yaml").await(10, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, run.state(), run.message() + " " + run.steps());
      Path report = Path.of(run.report());
      JsonObject steps = JsonParser.parseString(Files.readString(report.resolveSibling("report.json")))
          .getAsJsonObject().getAsJsonObject("steps");
      JsonObject sae = steps.getAsJsonObject("sae");
      assertEquals(2, sae.get("held_out_per_elo").getAsInt());
      assertEquals(32, sae.getAsJsonObject("held_out").get("rows").getAsInt(), sae.toString()); // 2 x 8 levels x 2 Elos

      JsonObject steer = steps.getAsJsonObject("steer");
      assertEquals(80, steer.get("selection_positions").getAsInt());
      assertEquals(80, steer.get("test_positions").getAsInt());
      assertEquals(2, steer.getAsJsonArray("concepts").size());
      int live = steer.get("live_features").getAsInt();
      assertTrue(live > 0 && live <= 64, "live features: " + live);
      for (JsonElement e : steer.getAsJsonArray("concepts")) {
        JsonObject c = e.getAsJsonObject();
        JsonArray features = c.getAsJsonArray("features");
        JsonArray control = c.getAsJsonArray("control_features");
        assertTrue(features.size() >= 1 && features.size() <= 4, c.toString());
        assertEquals(features.size(), control.size(), "the control edits as many features");
        Set<Integer> chosen = new HashSet<>();
        features.forEach(f -> chosen.add(f.getAsJsonObject().get("feature").getAsInt()));
        control.forEach(f -> assertTrue(!chosen.contains(f.getAsInt()), "control feature " + f + " is a chosen one"));
        // what was sent to the model server: as many features each side, one scale, the same for both
        JsonObject edits = c.getAsJsonObject("edits");
        assertEquals(List.of("steered x1.5", "control x1.5", "steered x3", "control x3"), List.copyOf(edits.keySet()));
        for (String scale : new String[] {"1.5", "3"}) {
          JsonObject steered = edits.getAsJsonObject("steered x" + scale);
          JsonObject random = edits.getAsJsonObject("control x" + scale);
          assertEquals(features.size(), steered.get("features").getAsInt());
          assertEquals(control.size(), random.get("features").getAsInt());
          assertEquals("[" + Double.parseDouble(scale) + "]", steered.get("distinct_scales").toString());
          assertEquals(steered.get("distinct_scales"), random.get("distinct_scales"));
        }
        assertEquals(List.of("base", "steered x1.5", "control x1.5", "steered x3", "control x3"),
            List.copyOf(c.getAsJsonObject("conditions").keySet()));
        assertTrue(c.get("positions").getAsInt() > 0, c.toString());
        JsonObject base = c.getAsJsonObject("conditions").getAsJsonObject("base");
        assertEquals(0.0, base.get("move_changed").getAsDouble());
        // captures_available: a capture is available on every test position, so some base moves capture
        for (String condition : c.getAsJsonObject("conditions").keySet()) {
          JsonObject m = c.getAsJsonObject("conditions").getAsJsonObject(condition);
          for (String k : new String[] {"acts_on_concept", "blunder_rate", "plays_stockfish_best", "move_changed"}) {
            double v = m.get(k).getAsDouble();
            assertTrue(v >= 0 && v <= 1, condition + " " + k + " " + v);
          }
        }
      }
      String html = Files.readString(report);
      assertTrue(html.contains("<h2 id=\"steer-sae-features\">"));
      assertEquals(1, steer.getAsJsonArray("figures").size());
    }
  }
}
