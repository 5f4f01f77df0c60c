package dev.kibitz.orchestrator.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.kibitz.orchestrator.Orchestrator;
import dev.kibitz.orchestrator.state.RunRecord;
import dev.kibitz.orchestrator.state.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowing-vs-doing experiment on a reduced size, on the services' code in this JVM: balanced
 * held-out positions under two conditionings, probes per concept x Elo at two hooks, the signed-rank
 * summary and the report.
 */
class ChessConceptsByEloTest {
  static final Path DATA = Path.of("..", "data", "chess").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @Test
  void aReducedKnowingVsDoingRunEndsInASummaryAndAReport() throws Exception {
    String spec = """
        name: chess-reduced
        steps:
          - name: capture
            type: capture-chess
            params:
              hooks: [blocks.0.resid_out, blocks.5.resid_out]
              data: "%s"
              positions-per-elo: 25
              elos: [1350, 2850]
              concepts: [white_to_move, material_balance, legal_moves, total_material, can_castle, open_files]
          - {name: probes-0, type: train-probes, needs: capture, params: {capture: capture, hook: blocks.0.resid_out}}
          - {name: probes-5, type: train-probes, needs: capture, params: {capture: capture, hook: blocks.5.resid_out}}
          - {name: by-elo, type: concepts-by-elo, needs: [probes-0, probes-5], params: {figures: 2}}
          - {name: report, type: report, needs: [by-elo], params: {title: knowing vs doing}}
        """.formatted(DATA);
    try (InProcessServices services = InProcessServices.start();
        Orchestrator orchestrator = new Orchestrator(services, dir, null, null, null, 2)) {
      RunRecord run = orchestrator.runner().submit(spec, "chess-reduced.yaml").await(10, TimeUnit.MINUTES);
      assertEquals(RunState.SUCCEEDED, run.state(), run.message() + " " + run.steps());
      JsonObject steps = JsonParser.parseString(Files.readString(Path.of(run.report()).resolveSibling("report.json")))
          .getAsJsonObject().getAsJsonObject("steps");

      JsonObject capture = steps.getAsJsonObject("capture");
      assertEquals(200, capture.get("positions").getAsInt());
      assertEquals(400, capture.get("rows").getAsInt());
      assertEquals("[25,25,25,25,25,25,25,25]", capture.get("positions_per_true_elo").toString());

      // 6 concepts x 2 Elo values per hook; each probe names its conditioning.
      for (String p : new String[] {"probes-0", "probes-5"}) {
        var probes = steps.getAsJsonObject(p).getAsJsonArray("probes");
        long byElo = 0;
        for (JsonElement e : probes) {
          String c = e.getAsJsonObject().get("conditioning").getAsString();
          assertTrue(c.equals("1350") || c.equals("2850") || c.equals("all"), c);
          byElo += c.equals("all") ? 0 : 1;
          JsonObject probe = e.getAsJsonObject();
          int rows = probe.get("train_rows").getAsInt() + probe.get("validation_rows").getAsInt()
              + probe.get("test_rows").getAsInt();
          int available = c.equals("all") ? 400 : 200;
          // Real concepts use every row; yes/no ones are class-balanced, so may use fewer.
          if (probe.get("kind").getAsString().equals("real")) {
            assertEquals(available, rows, probe.get("concept") + " at " + c);
          } else {
            assertTrue(rows > 0 && rows <= available, probe.get("concept") + " at " + c + ": " + rows);
          }
        }
        assertEquals(12, byElo, p + " has a probe per concept and Elo");
        assertEquals(12, probes.size(), p + ": no pooled probe (capture-chess sets probe.pooled false)");
      }

      JsonObject summary = steps.getAsJsonObject("by-elo");
      assertEquals(1350, summary.get("lowest_elo").getAsInt());
      assertEquals(2850, summary.get("highest_elo").getAsInt());
      assertEquals(0.025, summary.get("alpha_per_hook").getAsDouble(), 1e-12);
      assertEquals(2, summary.getAsJsonArray("hooks").size());
      for (JsonElement e : summary.getAsJsonArray("hooks")) {
        JsonObject h = e.getAsJsonObject();
        assertEquals(6, h.get("concepts").getAsInt());
        double p = h.get("p").getAsDouble();
        assertTrue(p > 0 && p <= 1, "p " + p);
        assertEquals(p < 0.025 ? "H1" : "H2", h.get("supports").getAsString());
        assertTrue(h.get("higher_at_highest_elo").getAsInt() + h.get("lower_at_highest_elo").getAsInt() <= 6);
      }
      assertEquals(2 + 2, summary.getAsJsonArray("figures").size(), "two mean heatmaps, two concepts");
      String html = Files.readString(Path.of(run.report()));
      for (String section : new String[] {"id=\"capture-chess\"", "id=\"probes\"", "id=\"concepts-by-elo\"",
          summary.get("conclusion").getAsString(), "<svg"}) {
        assertTrue(html.contains(section), section);
      }
    }
  }
}
